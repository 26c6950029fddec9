// The portal's webhooks procedures against a real database: owners only, another business's
// endpoint invisible, and every mutation leaves its mark in the tables (and the audit log).
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, makePortalBusiness } from "./portal-fixtures";
import { webhooksRouter } from "./routers/webhooks-router";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;
let foreignId: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

const endpointRow = (businessId: string, id: string) => db.webhookEndpoint.findUniqueOrThrow({ where: { businessId_id: { businessId, id } } });
const auditActions = async (businessId: string, targetId: string) =>
  (await db.auditLog.findMany({ where: { businessId, targetId }, orderBy: { createdAt: "asc" } })).map((r) => r.action);
const HOOK = "https://hooks.example.com/loyalty";
const DAY = 24 * 60 * 60 * 1000;

// Every procedure once, with input that would succeed for the endpoint's owner.
function everyCall(caller: ReturnType<typeof callerFor>, id: string) {
  const w = caller.webhooks;
  const from = new Date(Date.now() - DAY);
  return {
    list: () => w.list(),
    get: () => w.get({ id }),
    deliveries: () => w.deliveries({ id }),
    create: () => w.create({ url: HOOK, events: ["*"] }),
    update: () => w.update({ id, description: "Hijacked" }),
    delete: () => w.delete({ id }),
    revealSecret: () => w.revealSecret({ id }),
    rotateSecret: () => w.rotateSecret({ id }),
    sendTest: () => w.sendTest({ id }),
    resend: () => w.resend({ id, deliveryId: "00000000-0000-4000-8000-000000000000" }),
    replay: () => w.replay({ id, from }),
    enableAndReplay: () => w.enableAndReplay({ id, from }),
  };
}

beforeAll(async () => {
  a = await makePortalBusiness("wa");
  b = await makePortalBusiness("wb");
  foreignId = (await callerFor(b.owner).webhooks.create({ url: `${HOOK}/b`, events: ["points.earned"], description: "B's" })).endpoint.id;
});

describe("webhooks router access", () => {
  it("refuses staff every procedure and changes nothing", async () => {
    const { endpoint } = await callerFor(a.owner).webhooks.create({ url: HOOK, events: ["*"] });
    const before = await endpointRow(a.business.id, endpoint.id);
    const calls = everyCall(callerFor(a.staff), endpoint.id);
    // A procedure added later must be added here too.
    expect(Object.keys(calls).sort()).toEqual(Object.keys(webhooksRouter._def.procedures).sort());
    for (const [name, call] of Object.entries(calls)) expect(await codeOf(call()), name).toBe("FORBIDDEN");
    expect(await endpointRow(a.business.id, endpoint.id)).toEqual(before);
    expect(await db.webhookEndpoint.count({ where: { businessId: a.business.id } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { businessId: a.business.id } })).toBe(0);
    expect(await auditActions(a.business.id, endpoint.id)).toEqual(["webhook.created"]);
    await callerFor(a.owner).webhooks.delete({ id: endpoint.id });
  });

  it("answers NOT_FOUND for another business's endpoint and leaves it alone", async () => {
    const before = await endpointRow(b.business.id, foreignId);
    const calls = everyCall(callerFor(a.owner), foreignId);
    for (const [name, call] of Object.entries(calls)) {
      if (name === "list" || name === "create") continue;
      expect(await codeOf(call()), name).toBe("NOT_FOUND");
    }
    expect((await callerFor(a.owner).webhooks.list()).map((e) => e.id)).not.toContain(foreignId);
    expect(await endpointRow(b.business.id, foreignId)).toEqual(before);
    expect(await db.webhookDelivery.count({ where: { endpointId: foreignId } })).toBe(0);
    expect(await auditActions(b.business.id, foreignId)).toEqual(["webhook.created"]);
  });
});

describe("webhooks router mutations", () => {
  it("creates, edits, rotates and reveals the secret, and deletes, each in the database", async () => {
    const owner = callerFor(a.owner).webhooks;
    const created = await owner.create({ url: HOOK, events: ["points.earned", "customer.created"], description: "Till" });
    const id = created.endpoint.id;
    const row = await endpointRow(a.business.id, id);
    expect(row).toMatchObject({ url: HOOK, events: ["points.earned", "customer.created"], description: "Till", status: "ACTIVE", secret: created.secret });
    expect(created.endpoint).not.toHaveProperty("secret");

    await owner.update({ id, url: `${HOOK}/v2`, events: ["*"], description: null });
    expect(await endpointRow(a.business.id, id)).toMatchObject({ url: `${HOOK}/v2`, events: ["*"], description: null });

    const rotated = await owner.rotateSecret({ id });
    const afterRotation = await endpointRow(a.business.id, id);
    expect(afterRotation).toMatchObject({ secret: rotated.secret, previousSecret: created.secret });
    expect(rotated.secret).not.toBe(created.secret);
    expect(afterRotation.previousSecretExpiresAt!.getTime()).toBeGreaterThan(Date.now() + DAY - 60_000);
    expect((await owner.get({ id })).previousSecretExpiresAt).toEqual(afterRotation.previousSecretExpiresAt);

    expect(await owner.revealSecret({ id })).toEqual({ secret: rotated.secret });

    await owner.delete({ id });
    expect(await db.webhookEndpoint.count({ where: { businessId: a.business.id, id } })).toBe(0);
    expect(await auditActions(a.business.id, id)).toEqual([
      "webhook.created",
      "webhook.updated",
      "webhook.secret_rotated",
      "webhook.secret_revealed",
      "webhook.deleted",
    ]);
  });

  it("refuses a bad URL with a sentence and saves nothing", async () => {
    const error = await callerFor(a.owner).webhooks.create({ url: "http://127.0.0.1/hook", events: ["*"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/https/);
    expect(await db.webhookEndpoint.count({ where: { businessId: a.business.id, url: { contains: "127.0.0.1" } } })).toBe(0);
  });

  it("queues a test event, a resend and a replay as deliveries, and lists them", async () => {
    const owner = callerFor(a.owner).webhooks;
    const { endpoint } = await owner.create({ url: HOOK, events: ["*"] });
    const test = await owner.sendTest({ id: endpoint.id });
    const resent = await owner.resend({ id: endpoint.id, deliveryId: test.deliveryId });
    // What the job worker's fan-out does to the fixture's events (no worker runs here).
    await db.outboxEvent.updateMany({ where: { businessId: a.business.id, publishedAt: null }, data: { publishedAt: new Date() } });
    const events = await db.outboxEvent.count({ where: { businessId: a.business.id, type: { not: "webhook.test" } } });
    expect(events).toBeGreaterThan(0);
    const replayed = await owner.replay({ id: endpoint.id, from: new Date(Date.now() - DAY), onlyFailed: false });
    expect(replayed).toEqual({ queued: events, more: false, next: null });

    const rows = await db.webhookDelivery.findMany({ where: { businessId: a.business.id, endpointId: endpoint.id } });
    const byKind = (kind: string) => rows.filter((r) => r.kind === kind);
    expect(byKind("TEST").map((r) => r.id)).toEqual([test.deliveryId]);
    expect(byKind("RESEND").map((r) => r.id)).toEqual([resent.deliveryId]);
    expect(byKind("RESEND")[0]!.eventId).toBe(byKind("TEST")[0]!.eventId);
    expect(byKind("REPLAY")).toHaveLength(events);
    expect(rows.every((r) => r.status === "PENDING")).toBe(true);

    const log = await owner.deliveries({ id: endpoint.id, perPage: 2 });
    expect(log.pagination).toMatchObject({ page: 1, perPage: 2, total: rows.length });
    expect(log.items).toHaveLength(2);
    const tests = await owner.deliveries({ id: endpoint.id, eventType: "webhook.test" });
    expect(tests.items.map((d) => d.kind).sort()).toEqual(["RESEND", "TEST"]);
    expect(await auditActions(a.business.id, endpoint.id)).toEqual(["webhook.created", "webhook.resent", "webhook.replayed"]);
  });

  it("turns an endpoint off (sending refused) and back on with a replay of what it missed", async () => {
    const owner = callerFor(a.owner).webhooks;
    const { endpoint } = await owner.create({ url: HOOK, events: ["*"] });
    await owner.update({ id: endpoint.id, enabled: false });
    expect(await endpointRow(a.business.id, endpoint.id)).toMatchObject({ status: "DISABLED", disabledAt: expect.any(Date) });
    expect(await codeOf(owner.sendTest({ id: endpoint.id }))).toBe("CONFLICT");
    expect(await codeOf(owner.replay({ id: endpoint.id, from: new Date(Date.now() - DAY) }))).toBe("CONFLICT");

    // A period the replay refuses (over 30 days) is refused before anything changes.
    expect(await codeOf(owner.enableAndReplay({ id: endpoint.id, from: new Date(Date.now() - 40 * DAY) }))).toBe("BAD_REQUEST");
    expect((await endpointRow(a.business.id, endpoint.id)).status).toBe("DISABLED");

    await db.outboxEvent.updateMany({ where: { businessId: a.business.id, publishedAt: null }, data: { publishedAt: new Date() } });
    const result = await owner.enableAndReplay({ id: endpoint.id, from: new Date(Date.now() - DAY) });
    expect(result.endpoint.status).toBe("ACTIVE");
    expect(result.queued).toBeGreaterThan(0);
    expect(await endpointRow(a.business.id, endpoint.id)).toMatchObject({ status: "ACTIVE", disabledAt: null, statusReason: null });
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, kind: "REPLAY" } })).toBe(result.queued);
  });
});
