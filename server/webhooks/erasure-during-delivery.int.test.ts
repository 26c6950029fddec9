// An erasure that commits while a delivery job runs withholds what the job has not yet sent:
// bodies are read just before each send, not all at the start of the job. The worker here sends
// one at a time, so the job's second event is read after the erasure.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { eventually, startReceiver } from "../../test/signed-receiver";
import { endpointFor, testWorker } from "../../test/webhook-worker";
import { eraseCustomer } from "../customers/erase-customer";
import { db } from "../db/client";
import { awardPoints } from "../ledger";

await testWorker({ delivery: { concurrency: 1 } });

describe("an erasure during a delivery job", () => {
  it("withholds the job's events that were not yet on the wire", async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    const endpoint = await endpointFor(business.id, receiver.url);
    receiver.answer(() => "hang");
    // One transaction, two events, one job: customer.created goes first and is held open.
    const award = await awardPoints(db, actor, { customerEmail: "mid-job@test.dev", customerName: "Hedy", amount: 25 });
    await eventually(async () => receiver.requests === 1, "the first send");
    await eraseCustomer(db, actor, { id: award.transaction.customerId, reason: "Customer asked" });
    receiver.answer(() => 200);
    receiver.releaseHanging(200);
    await eventually(async () => {
      const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
      // customer.created, points.earned, and the erasure's points.adjusted (the forfeited balance) and customer.erased
      return rows.length === 4 && rows.every((d) => d.status !== "PENDING");
    }, "the deliveries to settle");
    const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, include: { event: true } });
    const byType = Object.fromEntries(rows.map((d) => [d.event.type, d]));
    expect(byType["customer.created"]!.status).toBe("DELIVERED");
    expect(byType["points.earned"]).toMatchObject({ status: "FAILED", lastError: "not sent: the customer was erased" });
    expect(byType["points.adjusted"]).toMatchObject({ status: "FAILED", lastError: "not sent: the customer was erased" });
    expect(byType["customer.erased"]!.status).toBe("DELIVERED");
    // What went out after the erasure carries no personal data.
    const afterErasure = receiver.received.filter((r) => r.body.type !== "customer.created");
    expect(afterErasure.map((r) => r.body.type)).toEqual(["customer.erased"]);
    expect(JSON.stringify(afterErasure)).not.toMatch(/mid-job|Hedy/);
  });
});
