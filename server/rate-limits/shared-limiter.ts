// Limits that hold across every app process on one database (WEB_CONCURRENCY, several
// machines): rate-limiter-flexible's Postgres store on the UNLOGGED rate_limits table. Each
// consume is one upsert of one row on the raw pool (no Prisma round trip), so a limit of N per
// window admits at most N however the requests are spread over processes.
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type pg from "pg";
import { db, rawPoolOf } from "../db/client";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

// The library's own names (key, points, expire) on our migration's table: tableCreated, so it
// never issues DDL itself (the app's role may not), and its expired-row sweep runs every 5 min.
export function sharedLimiter(options: LimiterOptions, pool: pg.Pool = appPool()): RateLimiterPostgres {
  return new RateLimiterPostgres({ ...options, storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true });
}

function appPool(): pg.Pool {
  const pool = rawPoolOf(db);
  if (!pool) throw new Error("The app's database client has no pool of its own.");
  return pool;
}

// Limiters are made on first use (the database client is made on first use too), one per
// prefix and rule, so a changed limit starts counting afresh rather than sharing counts.
const made = new Map<string, RateLimiterPostgres>();

export function limiterFor(options: LimiterOptions): RateLimiterPostgres {
  const id = `${options.keyPrefix}/${options.points}/${options.duration}`;
  let limiter = made.get(id);
  if (!limiter) made.set(id, (limiter = sharedLimiter(options)));
  return limiter;
}
