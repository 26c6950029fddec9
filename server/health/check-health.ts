import { db, dbLimits, rawPoolOf } from "../db/client";
import { databaseUnavailability } from "../db/unavailable-error";
import { AppError, DATABASE_RETRY_AFTER_SECONDS } from "../errors";

export type Health = { status: "ok"; database: "ok"; latencyMs: number };

// A load balancer polls this every few seconds and needs an answer, not a hung request: past
// this bound the instance is reported saturated even if a connection frees up later.
const HEALTH_BOUND_MS = 2_000;

// One round trip to the database through the app's own pool, so a pool with no free connection
// shows as unhealthy (503) rather than as a health check that hangs with the requests it reports on.
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  const pool = rawPoolOf(db);
  const bound = Math.min(HEALTH_BOUND_MS, dbLimits().connectTimeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), bound)));
  const query = pool ? pool.query("SELECT 1") : db.$queryRaw`SELECT 1`;
  // Settles later on its own (the pool's checkout timeout bounds it); nobody waits for it.
  query.catch(() => {});
  try {
    const outcome = await Promise.race([query, timedOut]);
    if (outcome === "timeout") throw saturated(bound, pool?.waitingCount);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (databaseUnavailability(error) === "busy") throw saturated(bound, pool?.waitingCount);
    throw new AppError("SERVICE_UNAVAILABLE", "The database is unreachable.", undefined, retryAfter());
  } finally {
    clearTimeout(timer);
  }
  return { status: "ok", database: "ok", latencyMs: Math.round(performance.now() - started) };
}

function saturated(bound: number, waiting = 0): AppError {
  return new AppError(
    "SERVICE_UNAVAILABLE",
    `The database is saturated: no connection answered within ${bound} ms (${waiting} requests waiting for one).`,
    undefined,
    retryAfter(),
  );
}

const retryAfter = () => ({ "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });
