// Operations of the customers endpoints (see server/rest/operation.ts); picked up by ./index.ts.
export {};
