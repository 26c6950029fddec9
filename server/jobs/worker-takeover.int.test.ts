// Workers share the work and survive each other: a worker killed mid-batch (SIGKILL: no
// chance to release its jobs) loses nothing, because the next worker takes its jobs over once
// its heartbeat is stale; two workers on one database deliver every event once.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { eventually, startReceiver, type Receiver } from "../../test/signed-receiver";
import { endpointFor, testWorker } from "../../test/webhook-worker";
import { db } from "../db/client";
import { awardPoints, redeemPoints } from "../ledger";

async function writeEvents(actor: Awaited<ReturnType<typeof makeBusiness>>["actor"], customers: number) {
  for (let i = 0; i < customers; i++) {
    const award = await awardPoints(db, actor, { customerEmail: `w${i}@test.dev`, amount: 20 });
    await redeemPoints(db, actor, { customerId: award.transaction.customerId, amount: 5 });
  }
  return db.outboxEvent.findMany({ where: { businessId: actor.businessId } });
}

// Each event's successful receipts: exactly one each is what "no duplicates" means.
function receiptsById(receiver: Receiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of receiver.received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return counts;
}

describe("job workers", () => {
  it("loses nothing when a worker is killed mid-batch: the next one takes its jobs over", { timeout: 180_000 }, async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    const endpoint = await endpointFor(business.id, receiver.url);
    receiver.setSecrets([endpoint.secret]);
    receiver.answer(() => "hang");
    const events = await writeEvents(actor, 15);

    // The worker as production runs it, in its own process.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, WEBHOOK_ALLOW_PRIVATE_URLS: "1", WORKER_STALE_AFTER_MS: "2000", START_WORKER: "1" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Mid-batch: requests are on the wire, none answered.
    await eventually(async () => receiver.requests >= 3, "the first worker to start sending", 120_000);
    child.kill("SIGKILL");
    await exited;
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "DELIVERED" } })).toBe(0);

    receiver.answer(() => 200);
    receiver.releaseHanging(200); // to a dead client: nobody records these
    const heir = await testWorker({ staleAfterMs: 2000 });
    await eventually(async () => (await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "DELIVERED" } })) === events.length, "every delivery", 120_000);

    const receipts = receiptsById(receiver);
    for (const event of events) expect(receipts.has(event.eventId!), event.type).toBe(true);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // The dead worker left the heartbeat table; the heir is in it.
    expect((await db.jobWorker.findMany()).map((w) => w.id)).toEqual([heir.id]);
    // Its short staleness setting must not outlive this test (see the next ones).
    await heir.stop();
  });

  it("judges each worker by its own staleness setting: a short one never declares a patient one dead", async () => {
    // Two workers that last beat two minutes ago: one may be quiet for ten minutes, one for a second.
    await db.$executeRaw`INSERT INTO job_workers (id, host, pid, stale_after_ms, seen_at) VALUES
      ('pool-patient', 'elsewhere', 1, 600000, now() - interval '2 minutes'),
      ('pool-gone', 'elsewhere', 2, 1000, now() - interval '2 minutes')`;
    const impatient = await testWorker({ staleAfterMs: 1000 });
    const ids = (await db.jobWorker.findMany()).map((w) => w.id).sort();
    expect(ids).toEqual([impatient.id, "pool-patient"].sort());
    await impatient.stop();
    await db.$executeRaw`DELETE FROM job_workers WHERE id = 'pool-patient'`;
  });

  it("stops cleanly on Ctrl-C even when the signal arrives twice (terminal and npm start), leaving the heartbeat table", { timeout: 180_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, START_WORKER: "1" }, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const row = await eventually(async () => (await db.jobWorker.findFirst({ where: { pid: child.pid } })) ?? false, "the worker to start", 120_000);
    child.kill("SIGINT");
    child.kill("SIGTERM");
    // A graceful stop (the signal's exit code), its row removed on the way out: the second
    // signal, a moment later, did not cut it short.
    expect([130, 143]).toContain(await exited);
    expect(await db.jobWorker.count({ where: { id: row.id } })).toBe(0);
  });

  it("two workers on one database deliver every event exactly once between them", { timeout: 180_000 }, async () => {
    const { actor, business } = await makeBusiness();
    const receiver = await startReceiver();
    const endpoint = await endpointFor(business.id, receiver.url);
    receiver.setSecrets([endpoint.secret]);
    await Promise.all([testWorker({ concurrency: 3 }), testWorker({ concurrency: 3 })]);
    const events = await writeEvents(actor, 150);
    await eventually(async () => (await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "DELIVERED" } })) === events.length, "every delivery", 120_000);

    const receipts = receiptsById(receiver);
    const duplicates = [...receipts.values()].filter((n) => n > 1).length;
    expect(receipts.size).toBe(events.length);
    expect(duplicates).toBe(0);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(events.length);
    // One attempt each: the delivery rows say so (a first-time success writes no log row).
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, attempts: 1 } })).toBe(events.length);
    expect(await db.webhookAttempt.count({ where: { endpointId: endpoint.id } })).toBe(0);
  });
});
