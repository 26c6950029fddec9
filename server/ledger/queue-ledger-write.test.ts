// A write queued behind a slow batch doesn't wait without end: once it has waited a whole
// statement timeout it is answered 503 unsent. A fake pool whose statement we finish by hand;
// the only wait is a lower bound (at least the timeout), never an upper one.
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { queueLedgerWrite } from "./queue-ledger-write";

function fakePool(statementTimeoutMs: number) {
  const sent: string[][] = [];
  let finish: (() => void) | undefined;
  const pool = {
    options: { max: 3, statement_timeout: statementTimeoutMs },
    query: (config: { values: [string[]] }) => {
      sent.push(config.values[0]);
      return new Promise((resolve) => {
        finish = () => resolve({ rows: [{ outcomes: config.values[0].map(() => ({ result: "ok" })) }] });
      });
    },
  } as unknown as pg.Pool;
  return { pool, sent, finish: () => finish!() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("queueLedgerWrite", () => {
  it("answers 503 unsent for a write that waited longer than the statement timeout behind its lane", async () => {
    const { pool, sent, finish } = fakePool(20);
    const first = queueLedgerWrite(pool, "customer-1", "first");
    const second = queueLedgerWrite(pool, "customer-1", "second").catch((error: unknown) => error);
    await sleep(40); // the queued write is now older than the timeout
    finish();
    expect(await first).toBe("ok");
    expect(await second).toMatchObject({ code: "SERVICE_UNAVAILABLE", headers: { "Retry-After": "2" } });
    expect(sent).toEqual([["first"]]);
  });

  it("sends a queued write that has not waited that long", async () => {
    const { pool, sent, finish } = fakePool(60_000);
    const first = queueLedgerWrite(pool, "customer-1", "first");
    const second = queueLedgerWrite(pool, "customer-1", "second");
    finish();
    expect(await first).toBe("ok");
    await Promise.resolve();
    await sleep(0);
    finish();
    expect(await second).toBe("ok");
    expect(sent).toEqual([["first"], ["second"]]);
  });
});
