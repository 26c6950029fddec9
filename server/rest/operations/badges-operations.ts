// Operations of the badges endpoints (see server/rest/operation.ts); picked up by ./index.ts.
export {};
