// apiRoute refuses query parameters and body fields an operation doesn't name; that only works
// if every operation's schemas say which they take.
import { describe, expect, it } from "vitest";
import { knownKeys } from "../reject-unknown-keys";
import { documentedQuery } from "./operation";
import { allOperations } from "./operations";

describe("every operation", () => {
  it("names the query parameters it takes, when it takes any", () => {
    const unnamed = allOperations.filter((o) => o.query && !documentedQuery(o)).map((o) => `${o.method} ${o.path}`);
    expect(unnamed).toEqual([]);
  });

  it("names the body fields it takes, when it takes a body", () => {
    const unnamed = allOperations.filter((o) => o.body && !knownKeys(o.body)).map((o) => `${o.method} ${o.path}`);
    expect(unnamed).toEqual([]);
  });

  it("documents the aliases integrations send", () => {
    const keys = (method: string, path: string) => {
      const operation = allOperations.find((o) => o.method === method && o.path === path)!;
      return [...(knownKeys(operation.body ?? documentedQuery(operation)!) ?? [])];
    };
    expect(keys("POST", "/points/award")).toEqual(expect.arrayContaining(["idempotencyKey", "referenceId", "staff"]));
    expect(keys("POST", "/points/reverse")).toEqual(expect.arrayContaining(["transactionId", "entryId", "referenceId", "staff"]));
    expect(keys("POST", "/points/expire")).toEqual(expect.arrayContaining(["referenceId", "staff"]));
    for (const path of ["/points/redeem", "/points/adjust", "/customers/{id}/points", "/pos/checkin", "/pos/redeem"]) {
      expect(keys("POST", path), path).toEqual(expect.arrayContaining(["idempotencyKey", "referenceId", "staff"]));
    }
    expect(keys("GET", "/points/balance")).toEqual(expect.arrayContaining(["email", "phone", "customerEmail", "customerPhone"]));
    expect(keys("GET", "/points/history")).toEqual(expect.arrayContaining(["email", "phone", "staff", "page", "perPage", "limit"]));
    expect(keys("GET", "/customers")).toEqual(expect.arrayContaining(["page", "perPage", "limit"]));
  });
});
