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
  it("marks long-failing endpoints and prunes everything past the retention, and nothing younger", async () => {
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
    // Everything so far is 31 days old, one attempt each: the healthy endpoint's delivered,
    // the failing one's still pending (long dead: retries end after about 28 hours).
    await db.webhookDelivery.updateMany({ where: { businessId: business.id, endpointId: healthy.id }, data: { status: "DELIVERED" } });
    await db.webhookDelivery.updateMany({ where: { businessId: business.id }, data: { attempts: 1 } });
    const deliveries = await db.webhookDelivery.findMany({ where: { businessId: business.id } });
    await db.webhookAttempt.createMany({ data: deliveries.map((d) => ({ businessId: business.id, deliveryId: d.id, endpointId: d.endpointId, attempt: 1, durationMs: 5, statusCode: 500 })) });
    for (const table of ["outbox_events", "webhook_deliveries", "webhook_attempts"]) {
      await db.$executeRawUnsafe(`UPDATE ${table} SET created_at = now() - interval '31 days' WHERE business_id = $1::uuid`, business.id);
    }
    await awardPoints(db, actor, { customerEmail: "new@test.dev", amount: 10 });
    await fanOut();

    const out: string[] = [];
    expect(await runCli(["webhooks", "maintain"], (line) => out.push(line))).toBe(0);
    expect(out.join("\n")).toMatch(/Marked 1 endpoints failing and 0 stuck deliveries failed; pruned 3 deliveries \(with their attempt logs\) and 2 events/);

    expect(await db.webhookEndpoint.findFirstOrThrow({ where: { id: failing.id } })).toMatchObject({ status: "FAILING", statusReason: expect.stringMatching(/retries stopped/) });
    expect((await db.webhookEndpoint.findFirstOrThrow({ where: { id: healthy.id } })).status).toBe("ACTIVE");
    expect((await db.webhookEndpoint.findFirstOrThrow({ where: { id: quiet.id } })).status).toBe("ACTIVE");
    // What is left is the young award's: its two events and their three deliveries.
    expect(await db.webhookAttempt.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.outboxEvent.count({ where: { businessId: business.id } })).toBe(2);
    expect(await db.webhookDelivery.count({ where: { businessId: business.id } })).toBe(3);
  });

  it("marks failed a delivery still pending two days on (its job was lost), and leaves younger ones be", async () => {
    const { actor, business } = await makeBusiness();
    const endpoint = await endpointFor(business.id, "https://stuck.example.com/h");
    await awardPoints(db, actor, { customerEmail: "stuck@test.dev", amount: 10 });
    await fanOut();
    const [lost, waiting] = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { eventId: "asc" } });
    await db.$executeRaw`UPDATE webhook_deliveries SET created_at = now() - interval '2 days 1 hour' WHERE business_id = ${business.id}::uuid AND id = ${lost!.id}::uuid`;
    await db.$executeRaw`UPDATE webhook_deliveries SET created_at = now() - interval '1 day' WHERE business_id = ${business.id}::uuid AND id = ${waiting!.id}::uuid`;
    const out: string[] = [];
    expect(await runCli(["webhooks", "maintain"], (line) => out.push(line))).toBe(0);
    expect(out.join("\n")).toMatch(/and 1 stuck deliveries failed/);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { id: lost!.id } })).toMatchObject({ status: "FAILED", lastError: expect.stringMatching(/replay to send it/) });
    expect((await db.webhookDelivery.findFirstOrThrow({ where: { id: waiting!.id } })).status).toBe("PENDING");
  });
});
