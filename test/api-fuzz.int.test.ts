// Fuzz every write route of the public API (every POST/PUT/PATCH in the OpenAPI operations,
// so new routes are covered automatically): malformed bodies, wrong types, huge, negative and
// fractional numbers, overlong strings. Never a 5xx, and a refused request writes nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { allOperations } from "../server/rest/operations";
import { businessWithKey, call, handlerFor } from "./api";
import { rowCounts } from "./fixtures";

const writes = allOperations.filter((o) => o.body && ["POST", "PUT", "PATCH"].includes(o.method));

const badNumbers = [-1, 0, 0.5, -0.25, 1e21, -1e21, 2 ** 53 + 2, "10", null, true, [], {}];
const badStrings = [0, 12345, null, false, [], { $gt: "" }, "x".repeat(20_000), "nul\u0000byte", "half \ud800 pair", "+010000-01-01T00:00:00Z", "0000-01-01"];

// A valid example with one field made wrong, or something that isn't a request at all.
function malformed(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example);
  const mutated = keys.length
    ? fc.constantFrom(...keys).chain((key) => {
        const bad = typeof example[key] === "number" ? badNumbers : badStrings;
        return fc.constantFrom(...bad).map((value) => ({ ...example, [key]: value }));
      })
    : fc.constant({ unexpected: true });
  return fc.oneof(mutated, fc.anything(), fc.jsonValue(), fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.constant(null))));
}

describe("API fuzz: malformed bodies to every write route", () => {
  let key: string;
  let businessId: string;
  beforeAll(async () => {
    ({ business: { id: businessId }, key } = await businessWithKey());
  });

  it("covers the write routes", () => {
    expect(writes.length).toBeGreaterThanOrEqual(5);
  });

  for (const operation of writes) {
    it(`${operation.method} ${operation.path}`, async () => {
      const handler = await handlerFor(operation.path, operation.method);
      const params = Object.fromEntries([...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "b1c2d3e4-0000-4000-8000-000000000000"]));
      await fc.assert(
        fc.asyncProperty(malformed(operation.example ?? {}), async (body) => {
          const before = await rowCounts(businessId);
          const res = await call(operation.method, handler, { key, params, rawBody: JSON.stringify(body) ?? "undefined" });
          expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.json).toMatchObject({ success: false });
            expect(typeof res.json.error).toBe("string");
            expect(await rowCounts(businessId)).toEqual(before);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});

// JSON nested a few thousand levels deep is small on the wire but overflowed the stack of
// whatever walked it (zod's z.json(), the storable check): a 500 instead of a 400.
describe("API fuzz: metadata nested thousands of levels deep", () => {
  // Built as text: JSON.stringify itself recurses, so the test couldn't even send it otherwise.
  const deep = (levels: number) => `{"a":${"[".repeat(levels)}${"]".repeat(levels)}}`;
  const withMetadata = (body: object, levels: number) => JSON.stringify(body).replace(/^\{/, `{"metadata":${deep(levels)},`);
  let key: string;
  let businessId: string;
  beforeAll(async () => {
    ({ business: { id: businessId }, key } = await businessWithKey());
  });

  for (const operation of writes) {
    it(`${operation.method} ${operation.path}`, async () => {
      const handler = await handlerFor(operation.path, operation.method);
      const params = Object.fromEntries([...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "b1c2d3e4-0000-4000-8000-000000000000"]));
      const example = operation.example ?? {};
      // In a body that is only a list of items the metadata goes on an item (each item has its
      // own); an order's items sit beside its other fields, and metadata is no field of it.
      const rawBody = Array.isArray(example.items) && Object.keys(example).length === 1
        ? `{"items":[${(example.items as object[]).map((item) => withMetadata(item, 5000)).join(",")}]}`
        : withMetadata(example, 5000);
      const before = await rowCounts(businessId);
      const res = await call(operation.method, handler, { key, params, rawBody });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
      expect(await rowCounts(businessId)).toEqual(before);
      // Refused with a sentence naming the field: too deep, or not a field of this route.
      expect(JSON.stringify(res.json)).toMatch(/"success":false,"error":"[^"]*metadata/);
    });
  }

  it("refuses it on points/award with 400 VALIDATION_ERROR and a sentence, and takes 16 levels", async () => {
    const handler = await handlerFor("/points/award", "POST");
    const before = await rowCounts(businessId);
    const res = await call("POST", handler, { key, rawBody: withMetadata({ customerEmail: "deep@example.com", amount: 10 }, 5000) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR", error: "Invalid request: metadata.a: must nest at most 16 levels deep." });
    expect(await rowCounts(businessId)).toEqual(before);
    const ok = await call("POST", handler, { key, rawBody: withMetadata({ customerEmail: "deep@example.com", amount: 10 }, 15) });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
  });
});
