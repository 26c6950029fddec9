// Operations of the webhooks endpoints (see server/rest/operation.ts); picked up by ./index.ts.
export {};
