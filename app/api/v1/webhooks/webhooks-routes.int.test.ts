import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { cliActor } from "@/server/actors/actor";
import { createWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";
import type { WebhookEvent } from "@/server/webhooks/webhook-schemas";
import { businessWithKey, call, createKey } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { DELETE as remove } from "./[id]/route";
import { GET as list, POST as create } from "./route";

const setup = businessWithKey;

const ownerActor = (owner: { id: string }) => cliActor(owner.id);
const body = { url: "https://example.com/hooks", events: ["points.earned", "customer.created"] as WebhookEvent[], description: "Shop" };

describe("POST /api/v1/webhooks", () => {
  it("creates an endpoint and shows its Standard Webhooks secret once (201), auditing it", async () => {
    const { business, key } = await setup();
    const res = await call("POST", create, { key, body });
    expect(res.status).toBe(201);
    const { endpoint, secret } = res.data as { endpoint: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(endpoint).toMatchObject({ url: body.url, events: body.events, description: "Shop", disabledAt: null });
    expect(endpoint).not.toHaveProperty("secret");
    const row = await db.webhookEndpoint.findFirstOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ businessId: business.id, secret, events: body.events });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "webhook.created" } })).toMatchObject({ targetId: endpoint.id, details: { url: body.url } });
    // An endpoint whose URL carries a token: the audit trail keeps it without the query.
    const tokened = await call("POST", create, { key, body: { ...body, url: "https://example.com/in?token=s3cret" } });
    const tokenedId = (tokened.data as { endpoint: { id: string } }).endpoint.id;
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "webhook.created", targetId: tokenedId } })).toMatchObject({ details: { url: "https://example.com/in" } });
    // Stored normalised: the host lower-cased, the fragment gone.
    const odd = await call("POST", create, { key, body: { url: "https://Hooks.EXAMPLE.com/in#frag", events: ["points/redeemed"] } });
    expect(odd.status).toBe(201);
    expect((odd.data as { endpoint: { url: string; events: string[] } }).endpoint).toMatchObject({ url: "https://hooks.example.com/in", events: ["points.redeemed"] });
  });

  it("refuses every spelling of a private, loopback or metadata address (400), storing nothing", async () => {
    const { business, key } = await setup();
    const spellings = [
      "http://example.com/hooks", "https://localhost/h", "https://localhost./h", "https://127.0.0.1/h", "https://127.0.0.1./h",
      "https://2130706433/h", "https://0177.0.0.1/h", "https://0x7f.0.0.1/h", "https://127.1/h", "https://[::1]/h",
      "https://[::ffff:127.0.0.1]/h", "https://10.0.0.1/h", "https://172.16.0.1/h", "https://192.168.1.1/h", "https://169.254.169.254/latest",
      "https://[fd00:ec2::254]/h", "https://[fe80::1]/h", "https://100.100.100.200/h", "https://0.0.0.0/h", "https://224.0.0.1/h",
      "https://metadata.google.internal/h", "https://127.0.0.1.nip.io/h", "https://10-0-0-1.sslip.io/h", "https://7f000001.nip.io/h",
      "https://intranet/h", "https://printer.local/h",
    ];
    for (const url of spellings) {
      const res = await call("POST", create, { key, body: { ...body, url } });
      expect(res.status, url).toBe(400);
      expect(res.json.code, url).toBe("VALIDATION_ERROR");
    }
    expect(await db.webhookEndpoint.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("refuses a key that may not see customers' personal data (403), since events carry it; storing nothing", async () => {
    const { business } = await setup();
    const { key: hooksOnly } = await createKey(business.id, { scopes: ["webhooks:manage"] });
    const refused = await call("POST", create, { key: hooksOnly, body });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "FORBIDDEN", error: expect.stringMatching(/customers:read/) });
    expect(await db.webhookEndpoint.count({ where: { businessId: business.id } })).toBe(0);
    const { key: withCustomers } = await createKey(business.id, { scopes: ["webhooks:manage", "customers:read"] });
    expect((await call("POST", create, { key: withCustomers, body })).status).toBe(201);
  });

  it("refuses plain http, unknown events and empty subscriptions with 400, storing nothing", async () => {
    const { business, key } = await setup();
    for (const bad of [{ ...body, url: "http://example.com/hooks" }, { ...body, url: "not a url" }, { ...body, events: ["points.stolen"] }, { ...body, events: [] }, { url: body.url }]) {
      const res = await call("POST", create, { key, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.code).toBe("VALIDATION_ERROR");
    }
    expect(await db.webhookEndpoint.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: create, scope: "webhooks:manage", request: () => ({ body }) });
});

describe("GET /api/v1/webhooks", () => {
  it("lists this business's endpoints, newest first, never with secrets", async () => {
    const { actor, key } = await setup();
    await createWebhookEndpoint(db, actor, { ...body, description: "older" });
    await createWebhookEndpoint(db, actor, { ...body, description: "newer" });
    const other = await makeBusiness();
    await createWebhookEndpoint(db, other.actor, { ...body, description: "not ours" });
    const res = await call("GET", list, { key });
    expect(res.status).toBe(200);
    expect((res.json.data as { description: string }[]).map((e) => e.description)).toEqual(["newer", "older"]);
    expect(JSON.stringify(res.json)).not.toContain("whsec_");
  });

  securityCases({ method: "GET", handler: list, scope: "webhooks:manage", request: () => ({}) });
});

describe("DELETE /api/v1/webhooks/{id}", () => {
  it("deletes the endpoint and audits it; then, and for malformed ids, 404", async () => {
    const { business, actor, key } = await setup();
    const { endpoint } = await createWebhookEndpoint(db, actor, body);
    const res = await call("DELETE", remove, { key, params: { id: endpoint.id } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ deleted: true, id: endpoint.id });
    expect(await db.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "webhook.deleted" } })).toMatchObject({ targetId: endpoint.id, details: { url: body.url } });
    for (const id of [endpoint.id, "nope", crypto.randomUUID()]) {
      const again = await call("DELETE", remove, { key, params: { id } });
      expect(again.status, id).toBe(404);
      expect(again.json.code).toBe("NOT_FOUND");
    }
  });

  it("leaves another business's endpoint in place when refusing it", async () => {
    const owner = await makeBusiness();
    const { endpoint } = await createWebhookEndpoint(db, owner.actor, body);
    const { key } = await setup();
    expect((await call("DELETE", remove, { key, params: { id: endpoint.id } })).status).toBe(404);
    expect(await db.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(1);
  });

  securityCases({ method: "DELETE", handler: remove, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() } }),
    foreign: async (owner) => ({ params: { id: (await createWebhookEndpoint(db, ownerActor(owner), body)).endpoint.id } }) });
});
