// Delivery end to end: the ledger writes, the worker fans out and sends, a real receiver
// verifies every signature with standardwebhooks. The receiver is down at first; every event
// still arrives, signed, with the payload the ledger wrote.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { eventually, startReceiver } from "../../test/signed-receiver";
import { endpointFor, testWorker } from "../../test/webhook-worker";
import { db } from "../db/client";
import { eraseCustomer } from "../customers/erase-customer";
import { awardPoints, redeemPoints } from "../ledger";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { resendDelivery, sendTestEvent } from "./redeliver-webhooks";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { webhookEnvelopes, type WebhookEventType } from "./webhook-envelopes";

await testWorker();

async function deliveries(endpointId: string) {
  return db.webhookDelivery.findMany({ where: { endpointId }, include: { attemptsLog: { orderBy: { attempt: "asc" } }, event: true } });
}

describe("webhook delivery", () => {
  it("delivers every event, signed, after the receiver's first failures, as the ledger wrote it", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    const endpoint = await endpointFor(business.id, receiver.url);
    receiver.setSecrets([endpoint.secret]);
    receiver.answer((n) => (n <= 3 ? 503 : 200));

    for (let i = 0; i < 4; i++) {
      const award = await awardPoints(db, actor, { customerEmail: `d${i}@test.dev`, amount: 100 + i });
      await redeemPoints(db, actor, { customerId: award.transaction.customerId, amount: 10 });
    }
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(12);
    const done = await eventually(async () => {
      const rows = await deliveries(endpoint.id);
      return rows.length === events.length && rows.every((d) => d.status === "DELIVERED") && rows;
    }, "every delivery to succeed");

    // Each event arrived (at least once), verified, exactly as the outbox holds it.
    for (const event of events) {
      const got = receiver.received.find((r) => r.id === event.eventId);
      expect(got, event.type).toBeDefined();
      expect(got!.verified).toBe(true);
      expect(got!.body).toEqual({ id: event.eventId, type: event.type, createdAt: event.createdAt.toISOString(), businessId: business.id, data: event.payload });
      // And it is what the OpenAPI document's webhooks section says it is, no field more.
      expect(webhookEnvelopes[event.type as WebhookEventType].safeParse(got!.body).error?.issues ?? []).toEqual([]);
    }
    // The balance in each points event is the entry's balance after, as the ledger recorded it.
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id } });
    for (const got of receiver.received.filter((r) => r.body.type.startsWith("points."))) {
      const entry = got.body.data.entry as { id: string };
      expect(got.body.data.balance).toBe(entries.find((e) => e.id === entry.id)!.balanceAfter);
    }
    // The three refusals are in the log, each followed by a retry of the same event; the log as
    // the API lists it ends each delivery with its successful attempt.
    const attempts = done.flatMap((d) => d.attemptsLog);
    expect(attempts.map((a) => a.statusCode)).toEqual([503, 503, 503]);
    expect(attempts.every((a) => a.nextAttemptAt !== null && a.error === "HTTP 503")).toBe(true);
    expect(done.every((d) => d.attempts === d.attemptsLog.length + 1 && d.lastStatusCode === 200 && d.deliveredAt && d.lastDurationMs !== null)).toBe(true);
    const log = await listWebhookDeliveries(db, actor, { id: endpoint.id, perPage: 100 });
    expect(log.items.flatMap((d) => d.attemptLog.map((a) => a.statusCode)).sort()).toEqual([...Array(events.length).fill(200), 503, 503, 503]);
    expect(log.items.every((d) => d.attemptLog.at(-1)!.attempt === d.attempts && d.attemptLog.at(-1)!.statusCode === 200)).toBe(true);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: endpoint.id } } })).failingSince).toBeNull();
  });

  it("sends each endpoint only the event types it subscribed to", async () => {
    const { actor, business } = await makeBusiness();
    const [redeems, enrolments] = [await startReceiver(), await startReceiver()];
    const a = await endpointFor(business.id, redeems.url, ["points.redeemed"]);
    const b = await endpointFor(business.id, enrolments.url, ["customer.created"]);
    const award = await awardPoints(db, actor, { customerEmail: "sub@test.dev", amount: 50 });
    await redeemPoints(db, actor, { customerId: award.transaction.customerId, amount: 5 });
    await eventually(async () => (await deliveries(a.id)).some((d) => d.status === "DELIVERED") && (await deliveries(b.id)).some((d) => d.status === "DELIVERED"), "both deliveries");
    expect(redeems.received.map((r) => r.body.type)).toEqual(["points.redeemed"]);
    expect(enrolments.received.map((r) => r.body.type)).toEqual(["customer.created"]);
  });

  it("turns the endpoint off when it answers 410 Gone, and sends it nothing more", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    receiver.answer(() => 410);
    const endpoint = await endpointFor(business.id, receiver.url);
    await awardPoints(db, actor, { customerEmail: "gone@test.dev", amount: 10 });
    const off = await eventually(async () => {
      const row = await db.webhookEndpoint.findFirstOrThrow({ where: { id: endpoint.id } });
      return row.status === "DISABLED" && row;
    }, "the endpoint to be disabled");
    expect(off.statusReason).toMatch(/410 Gone/);
    await eventually(async () => (await deliveries(endpoint.id)).every((d) => d.status !== "PENDING"), "the first deliveries to end");
    const seen = receiver.requests;
    await awardPoints(db, actor, { customerEmail: "gone2@test.dev", amount: 10 });
    // The next events are fanned out to no one: the endpoint is no longer active.
    await eventually(async () => (await db.outboxEvent.count({ where: { businessId: business.id, publishedAt: null } })) === 0, "the outbox to drain");
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(2);
    expect(receiver.requests).toBe(seen);
  });

  it("after three days of failures marks the endpoint failing and stops retrying", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    receiver.answer(() => 500);
    const endpoint = await endpointFor(business.id, receiver.url);
    // A failure streak that began three days and a minute ago.
    await db.$executeRaw`UPDATE webhook_endpoints SET failing_since = now() - interval '3 days 1 minute' WHERE business_id = ${business.id}::uuid AND id = ${endpoint.id}::uuid`;
    await awardPoints(db, actor, { customerEmail: "failing@test.dev", amount: 10 });
    const failing = await eventually(async () => {
      const row = await db.webhookEndpoint.findFirstOrThrow({ where: { id: endpoint.id } });
      return row.status === "FAILING" && row;
    }, "the endpoint to be marked failing");
    expect(failing.statusReason).toMatch(/retries stopped/);
    const ended = await eventually(async () => {
      const rows = await deliveries(endpoint.id);
      return rows.every((d) => d.status === "FAILED") && rows;
    }, "the deliveries to stop");
    // One real attempt each; the retry found the endpoint failing and sent nothing.
    for (const d of ended) {
      expect(d.attemptsLog.map((a) => a.statusCode)).toEqual([500, null]);
      expect(d.attemptsLog[1]!.error).toBe("not sent: the endpoint is failing");
    }
    expect(receiver.requests).toBe(ended.length);
  });

  it("starts a new failure streak after an outage that ended: one failure days later doesn't mark the endpoint failing", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    receiver.answer((n) => (n === 1 ? 503 : 200));
    // One event type: the job holds this one delivery, so its failure alone judges the endpoint.
    const endpoint = await endpointFor(business.id, receiver.url, ["points.earned"]);
    // An outage five days ago whose last failure was four days ago; nothing was sent since.
    await db.$executeRaw`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days', last_failure_at = now() - interval '4 days' WHERE business_id = ${business.id}::uuid AND id = ${endpoint.id}::uuid`;
    await awardPoints(db, actor, { customerEmail: "blip@test.dev", amount: 10 });
    const [done] = await eventually(async () => {
      const rows = await deliveries(endpoint.id);
      return rows.length === 1 && rows[0]!.status !== "PENDING" && rows;
    }, "the delivery to end");
    // Retried after the blip and delivered; an endpoint marked failing would have skipped it.
    expect(done).toMatchObject({ status: "DELIVERED", attempts: 2 });
    const row = await db.webhookEndpoint.findFirstOrThrow({ where: { id: endpoint.id } });
    // The blip began a new streak, which the next success ended.
    expect(row).toMatchObject({ status: "ACTIVE", failingSince: null });
    expect(row.lastFailureAt!.getTime()).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it("signs with the old and the new secret during a rotation; a test event and a resend keep one webhook-id", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    const endpoint = await endpointFor(business.id, receiver.url);
    const { secret: fresh } = await rotateWebhookSecret(db, actor, { id: endpoint.id });
    // A receiver still on the old secret verifies, and so does one already on the new.
    receiver.setSecrets([endpoint.secret]);
    const test = await sendTestEvent(db, actor, { id: endpoint.id });
    await eventually(async () => receiver.received.length === 1, "the test event");
    receiver.setSecrets([fresh]);
    await resendDelivery(db, actor, { id: endpoint.id, deliveryId: test.deliveryId });
    await eventually(async () => receiver.received.length === 2, "the resend");
    const [first, second] = receiver.received;
    expect([first!.verified, second!.verified]).toEqual([true, true]);
    expect((first!.headers["webhook-signature"] as string).split(" ")).toHaveLength(2);
    expect(webhookEnvelopes["webhook.test"].parse(first!.body)).toMatchObject({ businessId: business.id, data: { endpointId: endpoint.id } });
    expect(second!.id).toBe(first!.id);
    // Once the old secret has expired, one signature again.
    await db.webhookEndpoint.update({ where: { businessId_id: { businessId: business.id, id: endpoint.id } }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    await resendDelivery(db, actor, { id: endpoint.id, deliveryId: test.deliveryId });
    await eventually(async () => receiver.received.length === 3, "the second resend");
    expect((receiver.received[2]!.headers["webhook-signature"] as string).split(" ")).toHaveLength(1);
    expect(receiver.received[2]!.verified).toBe(true);
  });

  it("never sends an erased customer's data: their pending events are withdrawn, customer.erased (ids only) goes out", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    receiver.answer(() => "hang");
    const endpoint = await endpointFor(business.id, receiver.url);
    const award = await awardPoints(db, actor, { customerEmail: "erase-me@test.dev", customerName: "Ada", amount: 30 });
    // Both events are on the wire (their first attempt held open) when the customer is erased;
    // the receiver then refuses them, and the retries find the events withdrawn.
    await eventually(async () => receiver.requests === 2, "both first attempts");
    await eraseCustomer(db, actor, { id: award.transaction.customerId, reason: "Customer asked" });
    receiver.answer(() => 200);
    receiver.releaseHanging(503);
    await eventually(async () => (await deliveries(endpoint.id)).every((d) => d.status !== "PENDING") && (await deliveries(endpoint.id)).length >= 3, "the deliveries to settle");
    const rows = await deliveries(endpoint.id);
    const byType = Object.fromEntries(rows.map((d) => [d.event.type, d]));
    expect(byType["customer.created"]).toMatchObject({ status: "FAILED", lastError: "not sent: the customer was erased" });
    expect(byType["points.earned"]).toMatchObject({ status: "FAILED", lastError: "not sent: the customer was erased" });
    expect(byType["customer.erased"]).toMatchObject({ status: "DELIVERED" });
    expect(receiver.received.map((r) => r.body.type)).toEqual(["customer.erased"]);
    expect(receiver.received[0]!.body.data).toEqual({ customer: { id: award.transaction.customerId } });
    expect(JSON.stringify(receiver.received)).not.toMatch(/erase-me|Ada/);
  });
});
