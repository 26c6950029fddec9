// The database pools of this process (server/db/client.ts registers each one it makes), summed
// for the pool gauges: how many connections are open, idle, and how many requests wait for one.
import type pg from "pg";

type PoolUsage = { total: number; idle: number; waiting: number; max: number };

const holder = globalThis as unknown as { __loyaltyPools?: Set<pg.Pool> };
const pools = (holder.__loyaltyPools ??= new Set());

export function trackPool(pool: pg.Pool): void {
  pools.add(pool);
}

export function readPoolUsage(): PoolUsage {
  const usage = { total: 0, idle: 0, waiting: 0, max: 0 };
  for (const pool of pools) {
    // A closed pool (a script's or a test's) is forgotten at the next scrape.
    if (pool.ended) {
      pools.delete(pool);
      continue;
    }
    usage.total += pool.totalCount;
    usage.idle += pool.idleCount;
    usage.waiting += pool.waitingCount;
    usage.max += pool.options.max ?? 10;
  }
  return usage;
}
