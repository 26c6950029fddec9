// The routes on one endpoint: read, change, rotate, test, delivery log, resend, replay. The
// worker is not running here: deliveries are queued (rows and jobs) and their state is set by
// hand where a test needs a history; sending is webhook-delivery.int.test.ts's business.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { cliActor } from "@/server/actors/actor";
import { awardPoints } from "@/server/ledger";
import { createWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";
import { replayWebhookEvents } from "@/server/webhooks/redeliver-webhooks";
import { businessWithKey, call, createKey } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { GET as listDeliveries } from "./deliveries/route";
import { POST as resend } from "./deliveries/[deliveryId]/resend/route";
import { POST as replay } from "./replay/route";
import { POST as rotate } from "./rotate-secret/route";
import { GET as getOne, PATCH as patch } from "./route";
import { POST as sendTest } from "./test/route";

const body = { url: "https://example.com/hooks", events: ["*"], description: "Shop" };

async function withEndpoint() {
  const setup = await businessWithKey();
  const { endpoint, secret } = await createWebhookEndpoint(db, setup.actor, body);
  return { ...setup, endpoint, secret };
}

const endpointRow = (id: string) => db.webhookEndpoint.findFirstOrThrow({ where: { id } });
const fanOut = () => db.$queryRaw`SELECT ll_fan_out_outbox(500)`;
const foreignEndpoint = async (owner: { id: string }) => (await createWebhookEndpoint(db, cliActor(owner.id), body)).endpoint.id;

describe("GET and PATCH /api/v1/webhooks/{id}", () => {
  it("reads the endpoint with its health, never its secret", async () => {
    const { key, endpoint } = await withEndpoint();
    const res = await call("GET", getOne, { key, params: { id: endpoint.id } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ id: endpoint.id, status: "ACTIVE", statusReason: null, failingSince: null, previousSecretExpiresAt: null });
    expect(JSON.stringify(res.json)).not.toContain("whsec_");
  });

  it("changes events and turns the endpoint off and on again, auditing each change", async () => {
    const { key, business, endpoint } = await withEndpoint();
    const off = await call("PATCH", patch, { key, params: { id: endpoint.id }, body: { events: ["points/earned"], enabled: false } });
    expect(off.status).toBe(200);
    expect(await endpointRow(endpoint.id)).toMatchObject({ events: ["points.earned"], status: "DISABLED", statusReason: "Turned off by its owner." });
    // Marked failing by the worker: turning it on clears the streak.
    await db.webhookEndpoint.update({ where: { businessId_id: { businessId: business.id, id: endpoint.id } }, data: { status: "FAILING", failingSince: new Date(Date.now() - 4 * 86_400_000) } });
    const on = await call("PATCH", patch, { key, params: { id: endpoint.id }, body: { enabled: true } });
    expect(on.data).toMatchObject({ status: "ACTIVE", statusReason: null, failingSince: null, disabledAt: null });
    const audits = await db.auditLog.findMany({ where: { businessId: business.id, action: "webhook.updated" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.details)).toEqual([
      { events: { from: ["*"], to: ["points.earned"] }, status: { from: "ACTIVE", to: "DISABLED" } },
      { status: { from: "FAILING", to: "ACTIVE" } },
    ]);
  });

  it("refuses a private URL or an empty change (400) and leaves the endpoint as it was", async () => {
    const { key, endpoint } = await withEndpoint();
    for (const bad of [{ url: "https://10.1.2.3/x" }, { url: "http://example.com/x" }, {}, { enabled: "yes" }]) {
      const res = await call("PATCH", patch, { key, params: { id: endpoint.id }, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await endpointRow(endpoint.id)).toMatchObject({ url: body.url, status: "ACTIVE" });
  });

  securityCases({ method: "GET", handler: getOne, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o) } }) });
  securityCases({ method: "PATCH", handler: patch, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() }, body: { enabled: false } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o) }, body: { enabled: false } }) });
});

describe("POST /api/v1/webhooks/{id}/rotate-secret", () => {
  it("issues a new secret once and keeps the old one signing for 24 hours", async () => {
    const { key, business, endpoint, secret } = await withEndpoint();
    const res = await call("POST", rotate, { key, params: { id: endpoint.id } });
    expect(res.status).toBe(200);
    const { secret: fresh, previousSecretExpiresAt } = res.data as { secret: string; previousSecretExpiresAt: string };
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    const row = await endpointRow(endpoint.id);
    expect(row).toMatchObject({ secret: fresh, previousSecret: secret });
    expect(Math.abs(row.previousSecretExpiresAt!.getTime() - Date.now() - 86_400_000)).toBeLessThan(60_000);
    expect(new Date(previousSecretExpiresAt).getTime()).toBe(row.previousSecretExpiresAt!.getTime());
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "webhook.secret_rotated" } });
    expect(JSON.stringify(audit.details)).not.toContain("whsec_");
  });

  securityCases({ method: "POST", handler: rotate, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o) } }) });
});

describe("POST /api/v1/webhooks/{id}/test", () => {
  it("queues a webhook.test event for this endpoint alone", async () => {
    const { key, business, endpoint, actor } = await withEndpoint();
    const other = await createWebhookEndpoint(db, actor, body);
    const res = await call("POST", sendTest, { key, params: { id: endpoint.id } });
    expect(res.status).toBe(201);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { id: (res.data as { deliveryId: string }).deliveryId }, include: { event: true } });
    expect(delivery).toMatchObject({ businessId: business.id, endpointId: endpoint.id, kind: "TEST", status: "PENDING", attempts: 0 });
    expect(delivery.event.type).toBe("webhook.test");
    expect(delivery.event.publishedAt).not.toBeNull();
    await fanOut();
    expect(await db.webhookDelivery.count({ where: { endpointId: other.endpoint.id } })).toBe(0);
  });

  it("refuses a disabled endpoint (409), queueing nothing", async () => {
    const { key, endpoint } = await withEndpoint();
    await call("PATCH", patch, { key, params: { id: endpoint.id }, body: { enabled: false } });
    const res = await call("POST", sendTest, { key, params: { id: endpoint.id } });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatch(/enable it/);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: sendTest, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o) } }) });
});

describe("the delivery log, resend and replay", () => {
  it("lists deliveries newest first with their attempts, filtered and paged", async () => {
    const { key, actor, endpoint } = await withEndpoint();
    for (let i = 0; i < 3; i++) await awardPoints(db, actor, { customerEmail: `log${i}@test.dev`, amount: 10 });
    await fanOut();
    const res = await call("GET", listDeliveries, { key, params: { id: endpoint.id }, query: { perPage: 4 } });
    expect(res.status).toBe(200);
    const { items, pagination } = res.data as { items: { eventType: string; status: string; attemptLog: unknown[] }[]; pagination: { total: number } };
    expect(pagination.total).toBe(6);
    expect(items).toHaveLength(4);
    expect(items.every((d) => d.status === "PENDING" && d.attemptLog.length === 0)).toBe(true);
    const earned = await call("GET", listDeliveries, { key, params: { id: endpoint.id }, query: { eventType: "points/earned" } });
    expect((earned.data as { items: { eventType: string }[] }).items.map((d) => d.eventType)).toEqual(["points.earned", "points.earned", "points.earned"]);
    expect((await call("GET", listDeliveries, { key, params: { id: endpoint.id }, query: { status: "LOST" } })).status).toBe(400);
  });

  it("resends one delivery as a new delivery of the same event", async () => {
    const { key, actor, endpoint } = await withEndpoint();
    await awardPoints(db, actor, { customerEmail: "again@test.dev", amount: 10 });
    await fanOut();
    const original = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const res = await call("POST", resend, { key, params: { id: endpoint.id, deliveryId: original.id } });
    expect(res.status).toBe(201);
    const copy = await db.webhookDelivery.findFirstOrThrow({ where: { id: (res.data as { deliveryId: string }).deliveryId } });
    expect(copy).toMatchObject({ eventId: original.eventId, kind: "RESEND", status: "PENDING" });
    expect((await call("POST", resend, { key, params: { id: endpoint.id, deliveryId: crypto.randomUUID() } })).status).toBe(404);
  });

  it("replays only what the endpoint missed in the period, unless told to send everything", async () => {
    const { key, actor, business, endpoint } = await withEndpoint();
    const from = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < 3; i++) await awardPoints(db, actor, { customerEmail: `replay${i}@test.dev`, amount: 10 });
    await fanOut();
    // Of six deliveries: two delivered, two given up, two pending: one on its way, one pending
    // for three days (its job lost: every retry would be over), which counts as missed.
    const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { eventId: "asc" } });
    const mark = (ids: string[], status: "DELIVERED" | "FAILED") => db.webhookDelivery.updateMany({ where: { businessId: business.id, id: { in: ids } }, data: { status } });
    await mark([rows[0]!.id, rows[1]!.id], "DELIVERED");
    await mark([rows[2]!.id, rows[3]!.id], "FAILED");
    await db.$executeRaw`UPDATE webhook_deliveries SET created_at = now() - interval '3 days' WHERE business_id = ${business.id}::uuid AND id = ${rows[5]!.id}::uuid`;
    const missed = await call("POST", replay, { key, params: { id: endpoint.id }, body: { from } });
    expect(missed.data).toEqual({ queued: 3, more: false, next: null });
    const replayed = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, kind: "REPLAY" } });
    expect(replayed.map((d) => d.eventId).sort()).toEqual([rows[2]!.eventId, rows[3]!.eventId, rows[5]!.eventId].sort());
    const all = await call("POST", replay, { key, params: { id: endpoint.id }, body: { from, onlyFailed: false } });
    expect(all.data).toEqual({ queued: 6, more: false, next: null });
    expect((await db.auditLog.findMany({ where: { businessId: business.id, action: "webhook.replayed" } })).map((a) => (a.details as { queued: number }).queued)).toEqual([3, 6]);
    for (const bad of [{ from, after: "9999999999999999999" }, { from, after: "-1" }, { from: "yesterday" }, { from: new Date(Date.now() + 60_000).toISOString() }, { from: "2020-01-01T00:00:00Z", to: "2020-03-01T00:00:00Z" }]) {
      expect((await call("POST", replay, { key, params: { id: endpoint.id }, body: bad })).status, JSON.stringify(bad)).toBe(400);
    }
  });

  securityCases({ method: "GET", handler: listDeliveries, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o) } }) });
  securityCases({ method: "POST", handler: replay, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID() }, body: { from: new Date(Date.now() - 3_600_000).toISOString() } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o) }, body: { from: new Date(Date.now() - 3_600_000).toISOString() } }) });
  securityCases({ method: "POST", handler: resend, scope: "webhooks:manage", request: () => ({ params: { id: crypto.randomUUID(), deliveryId: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignEndpoint(o), deliveryId: crypto.randomUUID() } }) });
});

describe("who may decide where events go", () => {
  it("refuses a webhooks:manage key without customers:read to change, resend or replay (403), changing nothing", async () => {
    const { business, actor, endpoint } = await withEndpoint();
    await awardPoints(db, actor, { customerEmail: "pii@test.dev", customerName: "Grace", amount: 10 });
    await fanOut();
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const { key: hooksOnly } = await createKey(business.id, { scopes: ["webhooks:manage"] });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const attempts = [
      call("PATCH", patch, { key: hooksOnly, params: { id: endpoint.id }, body: { url: "https://attacker.example.com/x" } }),
      call("PATCH", patch, { key: hooksOnly, params: { id: endpoint.id }, body: { enabled: false } }),
      call("POST", replay, { key: hooksOnly, params: { id: endpoint.id }, body: { from, onlyFailed: false } }),
      call("POST", resend, { key: hooksOnly, params: { id: endpoint.id, deliveryId: delivery.id } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ code: "FORBIDDEN", error: expect.stringMatching(/customers:read/) });
    }
    expect(await endpointRow(endpoint.id)).toMatchObject({ url: body.url, status: "ACTIVE" });
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(2);
    // Reading the log and testing the endpoint carry no personal data: allowed.
    expect((await call("GET", listDeliveries, { key: hooksOnly, params: { id: endpoint.id } })).status).toBe(200);
    expect((await call("POST", sendTest, { key: hooksOnly, params: { id: endpoint.id } })).status).toBe(201);
  });
});

describe("a replay longer than one call", () => {
  it("continues after the last event the previous call queued, until every event was queued once", async () => {
    const { actor, endpoint } = await withEndpoint();
    const from = new Date(Date.now() - 60_000);
    for (let i = 0; i < 3; i++) await awardPoints(db, actor, { customerEmail: `page${i}@test.dev`, amount: 10 });
    await fanOut();
    const seen: string[] = [];
    let after: string | undefined;
    for (let call = 0; call < 10; call++) {
      const page = await replayWebhookEvents(db, actor, { id: endpoint.id, from, onlyFailed: false, after }, { limit: 4 });
      seen.push(String(page.queued));
      if (!page.more) break;
      after = page.next!;
    }
    expect(seen).toEqual(["4", "2"]);
    const replayed = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, kind: "REPLAY" } });
    expect(new Set(replayed.map((d) => d.eventId)).size).toBe(6);
    expect(replayed).toHaveLength(6);
  });
});

