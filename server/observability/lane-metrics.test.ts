// The lane gauges and the batch size histogram follow the lanes: a fake pool whose batch we
// finish by hand, so what is queued at each moment is known exactly.
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { queueLedgerWrite } from "../ledger/queue-ledger-write";
import { metrics } from "./metrics";

function fakePool() {
  const finishers: (() => void)[] = [];
  const pool = {
    options: { max: 3, statement_timeout: 60_000 },
    query: (config: { values: [string[]] }) =>
      new Promise((resolve) => finishers.push(() => resolve({ rows: [{ outcomes: config.values[0].map(() => ({ result: "ok" })) }] }))),
  } as unknown as pg.Pool;
  return { pool, finishNext: () => finishers.shift()!() };
}

async function sample(name: string): Promise<number> {
  const text = await metrics().registry.getSingleMetricAsString(name);
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line?.split(" ")[1]);
}

async function batchSizes(): Promise<{ count: number; sum: number }> {
  const { values } = await metrics().ledgerBatchSize.get();
  return { count: values.find((v) => v.metricName?.endsWith("_count"))?.value ?? 0, sum: values.find((v) => v.metricName?.endsWith("_sum"))?.value ?? 0 };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("lane metrics", () => {
  it("count writes waiting behind a batch, busy lanes, and each batch's size", async () => {
    const { pool, finishNext } = fakePool();
    const before = await batchSizes();
    const writes = [queueLedgerWrite(pool, "customer-1", "a"), queueLedgerWrite(pool, "customer-1", "b"), queueLedgerWrite(pool, "customer-1", "c")];
    // "a" went out alone; "b" and "c" wait for it.
    expect(await sample("loyalty_ledger_lane_queued_writes")).toBe(2);
    expect(await sample("loyalty_ledger_lanes_busy")).toBe(1);
    finishNext();
    await settle();
    expect(await sample("loyalty_ledger_lane_queued_writes")).toBe(0);
    finishNext();
    expect(await Promise.all(writes)).toEqual(["ok", "ok", "ok"]);
    await settle();
    expect(await sample("loyalty_ledger_lanes_busy")).toBe(0);
    // Two batches: one of 1, one of 2.
    expect(await batchSizes()).toEqual({ count: before.count + 2, sum: before.sum + 3 });
  });
});
