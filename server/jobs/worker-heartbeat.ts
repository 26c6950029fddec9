// Liveness of job workers, so that a worker killed mid-job (SIGKILL, OOM, a lost machine) does
// not hold its jobs for the queue's own four-hour fallback. Every worker beats (job_workers.seen_at)
// and, on the same beat, removes workers not seen for their own `staleAfterMs` (each row says
// how long its worker may go quiet, so workers with different settings judge each other
// fairly) and unlocks their jobs with the queue's force_unlock_workers(), so another worker
// runs them within about that time.
// A live worker cut off from the database for longer than that loses its jobs to the others;
// they may then be sent twice, which receivers absorb by webhook-id (the attempt log stays
// right: see ll_record_webhook_attempts).
import os from "node:os";
import type pg from "pg";

export type Heartbeat = { stop: () => Promise<void> };

const SWEEP_SQL = `
  WITH dead AS (
    DELETE FROM "job_workers" WHERE "seen_at" < now() - "stale_after_ms" * interval '1 millisecond' AND "id" <> $1 RETURNING "id")
  SELECT graphile_worker.force_unlock_workers(array(SELECT "id" FROM dead)), array(SELECT "id" FROM dead) AS ids`;

export async function startHeartbeat(pool: pg.Pool, workerId: string, options: { staleAfterMs: number; log: (line: string) => void }): Promise<Heartbeat> {
  const beat = async () => {
    await pool.query(
      `INSERT INTO "job_workers" ("id", "host", "pid", "stale_after_ms") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("id") DO UPDATE SET "seen_at" = now()`,
      [workerId, os.hostname(), process.pid, options.staleAfterMs],
    );
    const { rows } = await pool.query<{ ids: string[] }>(SWEEP_SQL, [workerId]);
    const ids = rows[0]?.ids ?? [];
    if (ids.length > 0) options.log(`unlocked the jobs of ${ids.length} stopped worker(s): ${ids.join(", ")}`);
  };
  await beat();
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= beat()
      .catch((error: Error) => options.log(`heartbeat failed: ${error.message}`))
      .finally(() => (running = undefined));
  }, Math.max(500, Math.floor(options.staleAfterMs / 6)));
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await pool.query(`DELETE FROM "job_workers" WHERE "id" = $1`, [workerId]).catch((error: Error) => options.log(`could not leave the heartbeat table: ${error.message}`));
    },
  };
}
