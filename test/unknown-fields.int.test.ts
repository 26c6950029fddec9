// Every operation that takes an API key refuses a query parameter or body field it doesn't
// name (a misspelt filter would otherwise be ignored and the request answered as if it weren't
// there), with a 400 whose sentence names it, and writes nothing. New operations are covered
// automatically; the aliases integrations send are checked route by route.
import { beforeAll, describe, expect, it } from "vitest";
import { allOperations } from "../server/rest/operations";
import { businessWithKey, call, handlerFor } from "./api";
import { rowCounts } from "./fixtures";

const keyed = allOperations.filter((o) => o.scope);
const paramsFor = (path: string) => Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "b1c2d3e4-0000-4000-8000-000000000000"]));

describe("unknown query parameters and body fields, on every operation", () => {
  let key: string;
  let businessId: string;
  beforeAll(async () => {
    ({ business: { id: businessId }, key } = await businessWithKey());
  });

  it("covers every keyed operation", () => {
    expect(keyed.length).toBeGreaterThanOrEqual(24);
  });

  for (const operation of keyed) {
    const name = `${operation.method} ${operation.path}`;
    const body = operation.body ? operation.example ?? {} : undefined;

    it(`${name}: an unknown query parameter is a 400 naming it, writing nothing`, async () => {
      const handler = await handlerFor(operation.path, operation.method);
      const before = await rowCounts(businessId);
      const res = await call(operation.method, handler, { key, params: paramsFor(operation.path), query: { zzUnknownFilter: "1" }, body });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      expect(res.json.error).toMatch(/^Invalid request: zzUnknownFilter: unknown query parameter/);
      expect(await rowCounts(businessId)).toEqual(before);
    });

    if (operation.method === "GET") continue;
    it(`${name}: an unknown body field is a 400 naming it, writing nothing`, async () => {
      const handler = await handlerFor(operation.path, operation.method);
      const before = await rowCounts(businessId);
      const res = await call(operation.method, handler, { key, params: paramsFor(operation.path), body: { ...body, zz_unknown_field: 1 } });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      expect(res.json.error).toMatch(/^Invalid request: zz_unknown_field: unknown field/);
      expect(await rowCounts(businessId)).toEqual(before);
    });
  }

  it("passes every documented example body (it names only fields the operation takes)", async () => {
    for (const operation of keyed.filter((o) => o.body)) {
      const handler = await handlerFor(operation.path, operation.method);
      const res = await call(operation.method, handler, { key, params: paramsFor(operation.path), body: operation.example ?? {} });
      expect(String(res.json.error ?? ""), `${operation.method} ${operation.path}`).not.toMatch(/unknown (field|query parameter)/);
    }
  });
});
