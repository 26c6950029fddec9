// Operations of the pos endpoints (see server/rest/operation.ts); picked up by ./index.ts.
export {};
