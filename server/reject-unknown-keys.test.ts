import { describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { knownKeys, rejectUnknownKeys } from "./reject-unknown-keys";

const refined = z.object({ a: z.string(), b: z.number().optional() }).refine(() => true);

function issuesOf(run: () => void) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZodError);
    return (error as ZodError).issues.map((i) => ({ path: i.path, message: i.message }));
  }
  return [];
}

describe("knownKeys", () => {
  it("reads objects (refined too), both sides of an intersection, every union option and a pipe's input", () => {
    expect(knownKeys(refined)).toEqual(new Set(["a", "b"]));
    expect(knownKeys(refined.and(z.object({ staff: z.string() })))).toEqual(new Set(["a", "b", "staff"]));
    expect(knownKeys(z.union([z.object({ x: z.string() }), z.object({ y: z.string() })]))).toEqual(new Set(["x", "y"]));
    expect(knownKeys(refined.transform((v) => v))).toEqual(new Set(["a", "b"]));
    expect(knownKeys(refined.optional())).toEqual(new Set(["a", "b"]));
    expect(knownKeys(z.strictObject({ s: z.string() }))).toEqual(new Set(["s"]));
  });

  it("is null for schemas that take any key or may rename them first", () => {
    expect(knownKeys(z.looseObject({ a: z.string() }))).toBeNull();
    expect(knownKeys(z.record(z.string(), z.unknown()))).toBeNull();
    expect(knownKeys(z.preprocess((v) => v, refined))).toBeNull();
    expect(knownKeys(z.object({ a: z.string() }).and(z.looseObject({})))).toBeNull();
  });
});

describe("rejectUnknownKeys", () => {
  it("passes known keys and anything that isn't an object (the schema's own parse judges those)", () => {
    expect(() => rejectUnknownKeys({ a: "x", b: 1 }, refined, "field")).not.toThrow();
    expect(() => rejectUnknownKeys({}, undefined, "field")).not.toThrow();
    for (const value of [null, "text", 3, ["a"]]) expect(() => rejectUnknownKeys(value, refined, "field")).not.toThrow();
  });

  it("throws one issue per unknown key, each naming it and what is accepted", () => {
    expect(issuesOf(() => rejectUnknownKeys({ a: "x", statusFilter: "BLOCKED", zz: 1 }, refined, "query parameter"))).toEqual([
      { path: ["statusFilter"], message: "unknown query parameter (accepted: a, b)" },
      { path: ["zz"], message: "unknown query parameter (accepted: a, b)" },
    ]);
  });

  it("accepts nothing without a schema", () => {
    expect(issuesOf(() => rejectUnknownKeys({ reason: "x" }, undefined, "field"))).toEqual([{ path: ["reason"], message: "unknown field (none are accepted here)" }]);
  });

  it("doesn't check schemas that take any key", () => {
    expect(() => rejectUnknownKeys({ anything: 1 }, z.looseObject({}), "field")).not.toThrow();
  });
});
