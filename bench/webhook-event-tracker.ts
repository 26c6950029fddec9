// Follows one business's outbox events and matches each to its first receipt at the bench's
// receiver (webhook-id = the event's id): what was written, what arrived and when, what is
// still on the way. Lag = receipt time - the event's created_at (Postgres's clock, the start of
// the writing transaction, a few ms before its commit; the same machine, so the same clock).
import type pg from "pg";
import type { Receiver } from "./webhook-bench-processes";

export type TrackedEvent = { seq: bigint; eventId: string; createdAt: number; receivedAt?: number };

// Ids come from a sequence and are taken before commit, so a lower id may commit after a higher
// one was seen: each poll looks this far back (far more than the transactions ever in flight).
const LOOKBACK = 2000n;

export class EventTracker {
  readonly events: TrackedEvent[] = [];
  private readonly seen = new Set<bigint>();
  private readonly firstReceipt = new Map<string, number>();
  private waiting: TrackedEvent[] = [];
  private highest: bigint;
  duplicates = 0;

  constructor(private readonly pool: pg.Pool, private readonly businessId: string, private readonly receiver: Receiver, from: bigint) {
    this.highest = from;
  }

  async lastSeq(): Promise<bigint> {
    const { rows } = await this.pool.query<{ id: string }>(`SELECT coalesce(max("id"), 0)::text AS id FROM "outbox_events" WHERE "business_id" = $1`, [this.businessId]);
    return BigInt(rows[0]!.id);
  }

  // Takes new receipts and new events; returns how many written events haven't arrived yet.
  async poll(): Promise<number> {
    for (const [id, at] of await this.receiver.take()) {
      if (this.firstReceipt.has(id)) this.duplicates++;
      else this.firstReceipt.set(id, at);
    }
    const { rows } = await this.pool.query<{ seq: string; event_id: string; at: number }>(
      `SELECT "id"::text AS seq, "event_id"::text, (extract(epoch FROM "created_at") * 1000)::float8 AS at
         FROM "outbox_events" WHERE "business_id" = $1 AND "id" > $2 AND "type" <> 'webhook.test' ORDER BY "id"`,
      [this.businessId, String(this.highest > LOOKBACK ? this.highest - LOOKBACK : 0n)],
    );
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (this.seen.has(seq)) continue;
      this.seen.add(seq);
      const event: TrackedEvent = { seq, eventId: row.event_id, createdAt: row.at };
      this.events.push(event);
      this.waiting.push(event);
      if (seq > this.highest) this.highest = seq;
    }
    this.waiting = this.waiting.filter((event) => {
      event.receivedAt = this.firstReceipt.get(event.eventId);
      return event.receivedAt === undefined;
    });
    return this.waiting.length;
  }

  // Polls until every event written so far has arrived; the time that took, or null on timeout.
  async drain(timeoutMs: number): Promise<number | null> {
    const started = performance.now();
    while ((await this.poll()) > 0) {
      if (performance.now() - started > timeoutMs) return null;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return performance.now() - started;
  }

  after(seq: bigint): TrackedEvent[] {
    return this.events.filter((event) => event.seq > seq);
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

// Least-squares slope of y over x.
export function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}
