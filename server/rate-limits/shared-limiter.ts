// Limits that hold across every app process on one database (WEB_CONCURRENCY, several
// machines): rate-limiter-flexible's Postgres store on the UNLOGGED rate_limits table. Each
// consume is one upsert of one row on the raw pool (no Prisma round trip), so a limit of N per
// window admits at most N however the requests are spread over processes. Windows are timed by
// each app machine's clock: keep them in sync (NTP), as sessions need anyway.
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type pg from "pg";
import { db, rawPoolOf } from "../db/client";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

// The library's own names (key, points, expire) on our migration's table: tableCreated, so it
// never issues DDL itself (the app's role may not). Its sweep of expired rows deletes them all,
// whoever's: one limiter per process runs it (every 5 minutes), the others don't.
let sweeping = false;

export function sharedLimiter(options: LimiterOptions, pool: pg.Pool = appPool()): RateLimiterPostgres {
  const sweep = !sweeping;
  sweeping = true;
  return new RateLimiterPostgres({ ...options, storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: sweep });
}

function appPool(): pg.Pool {
  const pool = rawPoolOf(db);
  if (!pool) throw new Error("The app's database client has no pool of its own.");
  return pool;
}

// One limiter object per prefix, made on first use (the database client is made on first use
// too). The rules behind a prefix are fixed for the process (constants and settings), so a
// bounded handful exist: callers with a limit per key (API keys) use one prefix and compare
// the count with each key's own limit themselves.
const made = new Map<string, RateLimiterPostgres>();

export function limiterFor(options: LimiterOptions): RateLimiterPostgres {
  let limiter = made.get(options.keyPrefix);
  if (!limiter) made.set(options.keyPrefix, (limiter = sharedLimiter(options)));
  return limiter;
}
