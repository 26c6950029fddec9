// Writes for one customer wait for each other here, in the process, instead of on the
// customer's row lock in Postgres. Whatever queued while a customer's write was in flight
// goes next as one ledger_write_batch() call: one round trip and one commit for the lot.
//
// Why: a customer's writes serialise on its row lock, each holding it through a durable
// commit, so one busy customer (a shared walk-in account, a burst for one shopper) was capped
// at one commit per write, and every waiting request also held a pool connection, starving
// everyone else. Now a busy customer uses one connection and commits in groups.
//
// Nothing changes for callers: each write still succeeds or fails on its own (the batch runs
// each in a subtransaction), in arrival order, and resolves only after its commit.
import type pg from "pg";

// Postgres keeps 64 subtransactions per backend in shared memory; past that every snapshot
// in the server pays for the overflow.
const MAX_BATCH = 32;

type Waiter = { payload: string; resolve: (result: unknown) => void; reject: (error: unknown) => void };

const lanesByPool = new WeakMap<pg.Pool, Map<string, Waiter[]>>();

// An error one write of a batch raised, shaped like pg's own (code = SQLSTATE), so callers
// classify it exactly as they would the same error from a single ledger_write().
export class LedgerStatementError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Runs ledger_write(payload) on the pool; writes with the same lane (one customer) run one
// batch at a time. lane null: no queue (nothing to group it with, e.g. a reversal).
export function queueLedgerWrite(pool: pg.Pool, lane: string | null, payload: string): Promise<unknown> {
  if (lane === null) return writeOne(pool, payload);
  return new Promise((resolve, reject) => {
    let lanes = lanesByPool.get(pool);
    if (!lanes) lanesByPool.set(pool, (lanes = new Map()));
    const queue = lanes.get(lane);
    if (queue) {
      queue.push({ payload, resolve, reject });
      return;
    }
    const fresh = [{ payload, resolve, reject }];
    lanes.set(lane, fresh);
    void drain(pool, lanes, lane, fresh);
  });
}

async function drain(pool: pg.Pool, lanes: Map<string, Waiter[]>, lane: string, queue: Waiter[]): Promise<void> {
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    await writeBatch(pool, batch);
  }
  // Synchronous with the check above: a write arriving from here on starts a new lane.
  lanes.delete(lane);
}

// Settles every waiter; never throws.
async function writeBatch(pool: pg.Pool, batch: Waiter[]): Promise<void> {
  if (batch.length === 1) {
    const [only] = batch as [Waiter];
    await writeOne(pool, only.payload).then(only.resolve, only.reject);
    return;
  }
  try {
    const { rows } = await pool.query<{ outcomes: Outcome[] }>("SELECT ledger_write_batch($1::jsonb) AS outcomes", [
      `[${batch.map((w) => w.payload).join(",")}]`,
    ]);
    const outcomes = rows[0]!.outcomes;
    batch.forEach((waiter, i) => {
      const outcome = outcomes[i]!;
      if ("error" in outcome) waiter.reject(new LedgerStatementError(outcome.error.code, outcome.error.message));
      else waiter.resolve(outcome.result);
    });
  } catch (error) {
    // The batch as a whole failed (connection lost, commit failed): nothing of it was
    // committed, so every write in it failed.
    for (const waiter of batch) waiter.reject(error);
  }
}

type Outcome = { result: unknown } | { error: { code: string; message: string } };

async function writeOne(pool: pg.Pool, payload: string): Promise<unknown> {
  const { rows } = await pool.query<{ result: unknown }>("SELECT ledger_write($1::jsonb) AS result", [payload]);
  return rows[0]?.result;
}
