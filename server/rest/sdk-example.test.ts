// The SDK call /docs shows for each operation must compile against the SDK's generated types:
// a renamed field or a wrong example body fails here, not in an integrator's editor.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { allOperations } from "./operations";
import { sdkExample } from "./sdk-example";

const SDK_ENTRY = path.resolve(import.meta.dirname, "../../sdk/src/index.js");

describe("sdkExample", () => {
  it("names the method, path, path parameters and example body", () => {
    const award = allOperations.find((o) => o.method === "POST" && o.path === "/points/award")!;
    expect(sdkExample(award)).toContain('ll.post("/points/award", {');
    expect(sdkExample(award)).toContain('idempotencyKey: "order-1001"');
    const one = allOperations.find((o) => o.method === "GET" && o.path === "/customers/{id}")!;
    expect(sdkExample(one)).toBe('const data = await ll.get("/customers/{id}", { params: { path: { id: "<id>" } } });');
  });

  it("compiles against the SDK for every operation", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sdk-examples-"));
    const file = path.join(dir, "examples.ts");
    const bodies = allOperations.map((o, i) => `export async function example${i}(ll: LoyaltyLedger) {\n${sdkExample(o)}\nreturn data;\n}`);
    writeFileSync(file, `import type { LoyaltyLedger } from ${JSON.stringify(SDK_ENTRY)};\n${bodies.join("\n")}\n`);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  }, 60_000);
});
