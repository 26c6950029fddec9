import type { Operation } from "./operation";

// The curl line an integrator copies into a terminal or a POS script.
export function curlExample(operation: Operation, baseUrl: string): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => `<${name}>`);
  const lines = [`curl -X ${operation.method} "${baseUrl}/api/v1${path}${exampleQuery(operation)}"`];
  if (operation.scope) lines.push(`  -H "Authorization: Bearer $LOYALTY_API_KEY"`);
  if (operation.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(operation.example ?? {})}'`);
  }
  return lines.join(" \\\n");
}

function exampleQuery(operation: Operation): string {
  if (operation.method !== "GET" || !operation.queryDoc) return "";
  const shape = operation.queryDoc.shape as Record<string, unknown>;
  return "email" in shape ? "?email=ann@example.com" : "";
}
