import { z } from "zod";
import { documentedQuery, type Operation } from "./operation";

// The same call as curlExample, through the TypeScript SDK (sdk/): `ll` is a LoyaltyLedger.
// Checked against the SDK's types by server/rest/sdk-example.test.ts.
export function sdkExample(operation: Operation): string {
  const options: string[] = [];
  const params: string[] = [];
  const pathNames = operation.params instanceof z.ZodObject ? Object.keys(operation.params.shape) : [];
  if (pathNames.length) params.push(`path: { ${pathNames.map((name) => `${name}: "<${name}>"`).join(", ")} }`);
  const query = exampleQuery(operation);
  if (query) params.push(`query: ${query}`);
  if (params.length) options.push(`params: { ${params.join(", ")} }`);
  if (operation.body) options.push(`body: ${literal(operation.example ?? {}, "  ")}`);
  const call = `ll.${operation.method.toLowerCase()}("${operation.path}"`;
  if (!options.length) return `const data = await ${call});`;
  const inline = `const data = await ${call}, { ${options.join(", ")} });`;
  if (inline.length <= 100 && !inline.includes("\n")) return inline;
  return `const data = await ${call}, {\n${options.map((o) => `  ${o},`).join("\n")}\n});`;
}

function exampleQuery(operation: Operation): string | undefined {
  if (operation.method !== "GET") return undefined;
  const shape = documentedQuery(operation)?.shape as Record<string, unknown> | undefined;
  return shape && "email" in shape ? `{ email: "ann@example.com" }` : undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

// A JavaScript object literal: on one line when short, else one property a line.
function literal(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, `${indent}  `));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 72 && !flat.includes("\n") ? flat : `[\n${items.map((i) => `${indent}  ${i},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, `${indent}  `)}`);
    if (!entries.length) return "{}";
    const flat = `{ ${entries.join(", ")} }`;
    return flat.length <= 72 && !flat.includes("\n") ? flat : `{\n${entries.map((e) => `${indent}  ${e},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}
