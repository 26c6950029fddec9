// Ledger writes queue here, in a few lanes per pool, instead of each taking a connection and
// its own transaction. A customer always maps to the same lane, so its writes wait for each
// other here rather than on its row lock in Postgres. A lane runs one statement at a time:
// whatever queued while it was busy goes next as one ledger_write_batch() call, one round trip
// and one durable commit for the lot.
//
// Why: every write paid a round trip and a commit of its own. Under load that per-transaction
// cost (waking a backend, parse, snapshot, commit record, WAL flush) was about twice the
// write itself, and a busy customer (a shared walk-in account, a burst for one shopper) was
// capped at one commit per write while its waiting requests held pool connections that other
// customers needed. Lanes group writes only when they are already waiting: a lone write goes
// straight out, so a quiet server sees no added latency.
//
// Nothing changes for callers: each write still succeeds or fails on its own (the batch runs
// each in a subtransaction), a customer's writes run in arrival order, and each resolves only
// after its commit. A write that meets a lock held elsewhere gives up its place after 100 ms
// (see the migration) and goes again on its own, outside the lane, so one locked customer
// can't stall the other customers of its lane, nor deadlock with another process's batch.
// That write then races the customer's later writes for the lock, as concurrent requests
// always did before lanes: none of them has been answered yet, so no client can tell.
import type pg from "pg";
import { databaseUnavailableError } from "../errors";
import { laneState } from "../observability/lane-state";
import { metrics } from "../observability/metrics";

// For the lane gauges and the batch size histogram: counted as writes come and go, so a scrape
// never walks the lanes.
const lanesNow = laneState();
const { ledgerBatchSize } = metrics();

// Postgres keeps 64 subtransactions per backend in shared memory; past that every snapshot
// in the server pays for the overflow.
const MAX_BATCH = 32;

type Waiter = { key: string; payload: string; queuedAt: number; resolve: (result: unknown) => void; reject: (error: unknown) => void };

// lock_timeout in ledger_write_batch().
const LOCK_NOT_AVAILABLE = "55P03";

const lanesByPool = new WeakMap<pg.Pool, Map<number, Waiter[]>>();

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

// Runs ledger_write(payload) on the pool, in the lane `key` (the customer) maps to. key null:
// straight to the pool (a reversal names an entry, not a customer).
export function queueLedgerWrite(pool: pg.Pool, key: string | null, payload: string): Promise<unknown> {
  if (key === null) return writeOne(pool, payload);
  return new Promise((resolve, reject) => {
    let lanes = lanesByPool.get(pool);
    if (!lanes) lanesByPool.set(pool, (lanes = new Map()));
    const lane = hash(key) % laneCount(pool);
    const queue = lanes.get(lane);
    const waiter = { key, payload, queuedAt: performance.now(), resolve, reject };
    lanesNow.queued++;
    if (queue) {
      queue.push(waiter);
      return;
    }
    const fresh = [waiter];
    lanesNow.busy++;
    lanes.set(lane, fresh);
    void drain(pool, lanes, lane, fresh);
  });
}

async function drain(pool: pg.Pool, lanes: Map<number, Waiter[]>, lane: number, queue: Waiter[]): Promise<void> {
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    lanesNow.queued -= batch.length;
    // Each batch is bounded by the pool's timeouts, but a lane backed up under overload could
    // still hold a write for many batches: one that has waited a whole statement timeout is
    // answered 503 unsent (nothing written, safe to retry) rather than waiting on.
    const bound = Number(pool.options.statement_timeout) || Infinity;
    const now = performance.now();
    const live: Waiter[] = [];
    for (const waiter of batch) {
      if (now - waiter.queuedAt < bound) live.push(waiter);
      else waiter.reject(databaseUnavailableError("busy"));
    }
    if (live.length > 0) await writeBatch(pool, live);
  }
  // Synchronous with the check above: a write arriving from here on opens the lane afresh.
  lanes.delete(lane);
  lanesNow.busy--;
}

// A third of the pool: reads (balances, history, the portal) always find a connection, and
// fewer lanes mean bigger batches. On 2 cores with a pool of 10, 3 lanes grouped about 3 writes
// per commit under full load and gave the most writes per second (5 lanes: 2 per commit and
// 10-20% fewer; 2 lanes: no faster than 3, with more writes queued behind a slow one).
function laneCount(pool: pg.Pool): number {
  return Math.max(1, Math.floor((pool.options.max ?? 10) / 3));
}

// FNV-1a: cheap and well spread for ids and emails.
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// Settles every waiter; never throws.
async function writeBatch(pool: pg.Pool, batch: Waiter[]): Promise<void> {
  // Customers locked in one order by every batch (a stable sort keeps each customer's writes
  // in arrival order): two processes' batches over the same customers queue, not deadlock.
  batch.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  ledgerBatchSize.observe(batch.length);
  try {
    const { rows } = await pool.query<{ outcomes: Outcome[] }>({
      name: "ledger_write_batch",
      text: "SELECT ledger_write_batch($1::text[]) AS outcomes",
      values: [batch.map((w) => w.payload)],
    });
    const outcomes = rows[0]!.outcomes;
    batch.forEach((waiter, i) => {
      const outcome = outcomes[i]!;
      if (!("error" in outcome)) waiter.resolve(outcome.result);
      // Its customer is locked elsewhere: wait for it alone, without holding up the lane.
      else if (outcome.error.code === LOCK_NOT_AVAILABLE) writeOne(pool, waiter.payload).then(waiter.resolve, waiter.reject);
      else waiter.reject(new LedgerStatementError(outcome.error.code, outcome.error.message));
    });
  } catch (error) {
    // The batch as a whole failed (statement error, connection lost). Usually nothing of it
    // was committed, but a connection lost just after COMMIT leaves that unknown: callers get
    // an error they may only retry with the same idempotency key, which replays a write that
    // did land instead of applying it twice.
    for (const waiter of batch) waiter.reject(error);
  }
}

type Outcome = { result: unknown } | { error: { code: string; message: string } };

async function writeOne(pool: pg.Pool, payload: string): Promise<unknown> {
  // Named: each connection parses and plans the call once, not on every write.
  const { rows } = await pool.query<{ result: unknown }>({ name: "ledger_write", text: "SELECT ledger_write($1::jsonb) AS result", values: [payload] });
  return rows[0]?.result;
}
