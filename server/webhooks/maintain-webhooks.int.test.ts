// Hourly upkeep: endpoints failing for 3 days are marked FAILING even with no new delivery to
// notice; logs, finished deliveries and delivered events past the retention period go, and an
// event with a delivery still on its way stays. Run through the CLI command operators use.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { endpointFor } from "../../test/webhook-worker";
import { runCli } from "../cli/run-cli";
import { db } from "../db/client";
import { awardPoints } from "../ledger";

const fanOut = () => db.$queryRaw`SELECT ll_fan_out_outbox(500)`;

describe("webhook maintenance", () => {
  it("marks long-failing endpoints and prunes what is past retention, keeping events still on their way", async () => {
    const { actor, business } = await makeBusiness();
    const failing = await endpointFor(business.id, "https://failing.example.com/h");
    const healthy = await endpointFor(business.id, "https://healthy.example.com/h", ["points.earned"]);
    // Still failing 3 days into its streak: FAILING. The quiet one failed for a day, then
    // nothing was sent to it: a streak that old alone proves nothing, it stays active.
    await db.$executeRaw`UPDATE webhook_endpoints SET failing_since = now() - interval '3 days 5 minutes', last_failure_at = now() - interval '1 minute' WHERE business_id = ${business.id}::uuid AND id = ${failing.id}::uuid`;
    const quiet = await endpointFor(business.id, "https://quiet.example.com/h", ["badge.awarded"]);
    await db.$executeRaw`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days', last_failure_at = now() - interval '4 days' WHERE business_id = ${business.id}::uuid AND id = ${quiet.id}::uuid`;
    await awardPoints(db, actor, { customerEmail: "old@test.dev", amount: 10 });
    await fanOut();
    // Everything so far is 31 days old; the healthy endpoint's delivery was delivered, the
    // failing one's are still pending.
    await db.webhookDelivery.updateMany({ where: { businessId: business.id, endpointId: healthy.id }, data: { status: "DELIVERED" } });
    const deliveries = await db.webhookDelivery.findMany({ where: { businessId: business.id } });
    await db.webhookAttempt.createMany({ data: deliveries.map((d) => ({ businessId: business.id, deliveryId: d.id, endpointId: d.endpointId, attempt: 1, durationMs: 5, statusCode: 500 })) });
    for (const table of ["outbox_events", "webhook_deliveries", "webhook_attempts"]) {
      await db.$executeRawUnsafe(`UPDATE ${table} SET created_at = now() - interval '31 days' WHERE business_id = $1::uuid`, business.id);
    }
    // The failing endpoint's old deliveries still have a retry ahead of them.
    await db.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour' WHERE business_id = ${business.id}::uuid AND endpoint_id = ${failing.id}::uuid`;
    await awardPoints(db, actor, { customerEmail: "new@test.dev", amount: 10 });
    await fanOut();

    const out: string[] = [];
    expect(await runCli(["webhooks", "maintain"], (line) => out.push(line))).toBe(0);
    expect(out.join("\n")).toMatch(/Marked 1 endpoints failing and gave up 0 stuck deliveries; pruned 3 attempts, 1 deliveries and 0 events/);

    expect(await db.webhookEndpoint.findFirstOrThrow({ where: { id: failing.id } })).toMatchObject({ status: "FAILING", statusReason: expect.stringMatching(/retries stopped/) });
    expect((await db.webhookEndpoint.findFirstOrThrow({ where: { id: healthy.id } })).status).toBe("ACTIVE");
    expect((await db.webhookEndpoint.findFirstOrThrow({ where: { id: quiet.id } })).status).toBe("ACTIVE");
    expect(await db.webhookAttempt.count({ where: { businessId: business.id } })).toBe(0);
    // The old events stay while the failing endpoint's deliveries of them are pending; the new ones are young.
    expect(await db.outboxEvent.count({ where: { businessId: business.id } })).toBe(4);
    await db.webhookDelivery.updateMany({ where: { businessId: business.id, endpointId: failing.id }, data: { status: "FAILED" } });
    expect(await runCli(["webhooks", "maintain"], () => {})).toBe(0);
    expect(await db.outboxEvent.count({ where: { businessId: business.id } })).toBe(2);
    expect(await db.webhookDelivery.count({ where: { businessId: business.id } })).toBe(3);
  });

  it("gives up a delivery no attempt was made for in a day, so a replay can send it", async () => {
    const { actor, business } = await makeBusiness();
    const endpoint = await endpointFor(business.id, "https://stuck.example.com/h");
    await awardPoints(db, actor, { customerEmail: "stuck@test.dev", amount: 10 });
    await fanOut();
    const [overdue, recent] = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { eventId: "asc" } });
    // One waited for an attempt due 25 hours ago (its job failed for good); the other's is due soon.
    await db.$executeRaw`UPDATE webhook_deliveries SET attempts = 3, next_attempt_at = now() - interval '25 hours' WHERE business_id = ${business.id}::uuid AND id = ${overdue!.id}::uuid`;
    await db.$executeRaw`UPDATE webhook_deliveries SET attempts = 3, next_attempt_at = now() + interval '2 hours' WHERE business_id = ${business.id}::uuid AND id = ${recent!.id}::uuid`;
    const out: string[] = [];
    expect(await runCli(["webhooks", "maintain"], (line) => out.push(line))).toBe(0);
    expect(out.join("\n")).toMatch(/gave up 1 stuck deliveries/);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { id: overdue!.id } })).toMatchObject({ status: "FAILED", nextAttemptAt: null, lastError: expect.stringMatching(/replay to send it/) });
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { id: recent!.id } })).status).toBe("PENDING");
  });
});
