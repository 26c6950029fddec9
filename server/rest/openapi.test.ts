// Every route handler under app/api/v1 must be in the OpenAPI document, and every documented
// operation must have a handler: integrators build against the document.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { allOperations } from "./operations";
import { WEBHOOK_EVENTS } from "../webhooks/webhook-schemas";

const API_DIR = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

export function implementedRoutes(): string[] {
  return routeFiles(API_DIR).flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const route = path
      .relative(API_DIR, path.dirname(file))
      .split(path.sep)
      .map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}"))
      .join("/");
    return METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|as ${m}\\b`).test(source)).map((m) => `${m} /${route}`);
  });
}

function documentedRoutes(): string[] {
  const paths = openApiDocument().paths ?? {};
  return Object.entries(paths).flatMap(([p, item]) =>
    Object.keys(item ?? {})
      .filter((k) => METHODS.includes(k.toUpperCase()))
      .map((k) => `${k.toUpperCase()} ${p.replace(/\{[^}]+\}/g, "{param}")}`),
  );
}

const normalise = (route: string) => route.replace(/\{[^}]+\}/g, "{param}");

describe("OpenAPI document", () => {
  it("documents every route handler, and has no operation without one", () => {
    const implemented = implementedRoutes().map(normalise).sort();
    const documented = documentedRoutes().sort();
    expect(implemented.length).toBeGreaterThan(8);
    expect(implemented.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !implemented.includes(r))).toEqual([]);
  });

  it("is OpenAPI 3.1 with both auth schemes and an error envelope on every operation that takes a key, and a success response on every one", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(["bearer", "apiKeyHeader"]);
    expect(allOperations.length).toBeGreaterThan(20);
    for (const operation of allOperations) {
      const name = `${operation.method} ${operation.path}`;
      const documented = doc.paths?.[operation.path]?.[operation.method.toLowerCase() as "get"];
      expect(documented, name).toBeTruthy();
      const responses = (documented?.responses ?? {}) as Record<string, { content?: Record<string, { schema?: unknown }> }>;
      expect(responses[String(operation.status)]?.content?.["application/json"]?.schema, `${name} success`).toBeTruthy();
      if (!operation.scope) continue;
      expect(documented?.security, name).toEqual([{ bearer: [] }, { apiKeyHeader: [] }]);
      for (const status of ["400", "401", "403", "404", "409", "413", "422", "429"]) {
        expect(responses[status]?.content?.["application/json"]?.schema, `${name} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
  });
});

describe("the webhooks section", () => {
  it("documents every event type an endpoint can subscribe to, and the test event, with the signing headers", () => {
    const doc = openApiDocument() as unknown as { webhooks: Record<string, { post: { parameters?: { name: string; in: string }[]; requestBody: unknown } }> };
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENTS, "webhook.test"].sort());
    for (const [type, item] of Object.entries(doc.webhooks)) {
      expect(item.post.parameters?.filter((p) => p.in === "header").map((p) => p.name), type).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
      expect(JSON.stringify(item.post.requestBody), type).toContain(`WebhookEvent.${type}`);
    }
  });
});
