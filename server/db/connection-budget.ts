// How many connections one `npm start` opens at most, against what the server allows: a
// machine set to more app processes than Postgres can serve would start fine and then answer
// 503s under load, so `npm start` refuses to start instead, saying what to change. (Several
// machines on one database each check only their own share.)
import type { Env } from "../env";

type Settings = Pick<Env, "WEB_CONCURRENCY" | "DATABASE_POOL_SIZE" | "START_WORKER" | "WORKER_CONCURRENCY">;

// Per app process: its pool and the connection that listens for API key changes. The worker:
// graphile's pool (concurrency + 4) and its own client's 2.
export function connectionsNeeded(s: Settings): number {
  return s.WEB_CONCURRENCY * (s.DATABASE_POOL_SIZE + 1) + (s.START_WORKER ? s.WORKER_CONCURRENCY + 6 : 0);
}

// allowed: max_connections less the slots only superusers (or pg_use_reserved_connections) get.
export function connectionBudgetProblem(s: Settings, allowed: number): string | null {
  const needed = connectionsNeeded(s);
  if (needed <= allowed) return null;
  return (
    `WEB_CONCURRENCY=${s.WEB_CONCURRENCY} app processes with DATABASE_POOL_SIZE=${s.DATABASE_POOL_SIZE} (plus the job worker) ` +
    `need up to ${needed} database connections, and the server allows ${allowed}. ` +
    `Lower WEB_CONCURRENCY or DATABASE_POOL_SIZE, or raise Postgres's max_connections.`
  );
}
