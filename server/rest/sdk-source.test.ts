// The SDK's generated files must be what `npm run sdk:generate` makes from today's OpenAPI
// document: an operation changed without regenerating fails here.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSdkSources, idempotencyKeyPlaces, SDK_GENERATED_DIR } from "./sdk-source";

describe("the SDK's generated files", () => {
  it("match a fresh generation from the OpenAPI document (run npm run sdk:generate)", async () => {
    const fresh = await generateSdkSources();
    expect(Object.keys(fresh).sort()).toEqual(["openapi.ts", "operations.ts"]);
    for (const [name, text] of Object.entries(fresh)) {
      const committed = await readFile(path.join(SDK_GENERATED_DIR, name), "utf8");
      expect(committed === text, `sdk/src/generated/${name} is stale: run npm run sdk:generate`).toBe(true);
    }
  }, 60_000);

  it("lists the writes that take idempotency keys, through $refs, intersections and arrays", () => {
    const doc = {
      paths: {
        "/a": { post: { requestBody: { content: { "application/json": { schema: { allOf: [{ $ref: "#/components/schemas/A" }] } } } } } },
        "/b": { post: { requestBody: { content: { "application/json": { schema: { properties: { ops: { items: { oneOf: [{ properties: { idempotencyKey: {} } }] } } } } } } } } },
        "/c": { post: { requestBody: { content: { "application/json": { schema: { properties: { title: {} } } } } } } },
      },
      components: { schemas: { A: { properties: { idempotencyKey: {} } } } },
    };
    expect(idempotencyKeyPlaces(doc)).toEqual({ "POST /a": [""], "POST /b": ["ops"] });
  });
});
