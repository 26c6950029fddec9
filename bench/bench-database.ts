// A database for benchmarks: DATABASE_URL's server when set, else a throwaway embedded
// Postgres with durable settings (fsync on), so figures resemble production's.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";
import { migrate } from "../server/db/migrate";
import { createDatabaseIfMissing } from "../server/db/open-database";

export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const name = `bench_${Date.now()}`;
  let admin = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!admin) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "loyalty-bench-"));
    chmodSync(dir, 0o755);
    const server = await startEmbeddedPostgres({ dir, port: 0 });
    admin = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await createDatabaseIfMissing(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), stop: stopServer };
}

// Runs `op` from `concurrency` loops for `seconds`; returns throughput and latency percentiles.
export async function measure(seconds: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  let counter = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await op(counter++);
          latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { ops: latencies.length, perSecond: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), errors };
}
