// A delivery job the queue gives up on (every try failed: here the attempts can't be recorded)
// doesn't leave its deliveries pending for ever: they end FAILED, with a reason, replayable.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { eventually, startReceiver } from "../../test/signed-receiver";
import { endpointFor, testWorker } from "../../test/webhook-worker";
import { db } from "../db/client";

// A failure window no interval can hold: recording every attempt fails.
await testWorker({ delivery: { failingAfterMs: Number.NaN } });

describe("a delivery job given up by the queue", () => {
  it("leaves its deliveries failed, saying why, instead of pending", async () => {
    const { business } = await makeBusiness();
    const receiver = await startReceiver();
    const endpoint = await endpointFor(business.id, receiver.url);
    // A delivery and its job, queued by hand with a single try so the queue gives up at once.
    const [event] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO outbox_events (business_id, type, payload, published_at)
      VALUES (${business.id}::uuid, 'webhook.test', ${JSON.stringify({ message: "hi", endpointId: endpoint.id })}::jsonb, now()) RETURNING id`;
    const delivery = await db.webhookDelivery.create({ data: { businessId: business.id, endpointId: endpoint.id, eventId: event!.id, kind: "TEST" } });
    const payload = { businessId: business.id, endpointId: endpoint.id, deliveryIds: [delivery.id], attempts: 0 };
    await db.$executeRaw`SELECT graphile_worker.add_job('webhook_deliver', ${JSON.stringify(payload)}::json, max_attempts => 1)`;

    const failed = await eventually(async () => {
      const row = await db.webhookDelivery.findFirstOrThrow({ where: { id: delivery.id } });
      return row.status === "FAILED" && row;
    }, "the delivery to be given up");
    expect(failed.lastError).toMatch(/^outcome unknown: it may have been sent, but could not be recorded \(.+\); replay to send it again$/);
    expect(failed.attempts).toBe(0);
  });
});
