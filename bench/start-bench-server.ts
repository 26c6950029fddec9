// The production server for a benchmark: `npm start` (scripts/start.ts) on a data dir of its
// own, wiped first, in its own process group so that stopping it stops Next, the worker and
// Postgres too; and, next to it, more servers on the same embedded database (the bundle
// `npm start` built), e.g. with WEB_CONCURRENCY.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

export type BenchServer = { url: string; process: ChildProcess; stop: () => void };

export async function waitForHealth(url: string, minutes = 10): Promise<void> {
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false)) return;
    if (i > minutes * 120) throw new Error(`${url} did not start in ${minutes} minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function started(child: ChildProcess, url: string): BenchServer {
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  process.on("exit", stop);
  return { url, process: child, stop };
}

// stderr "pipe": the caller decides when the server's complaints are worth showing.
export async function startBenchServer(options: { port: number; dataDir: string; stderr?: "inherit" | "pipe" }): Promise<BenchServer> {
  rmSync(options.dataDir, { recursive: true, force: true });
  process.env.DATA_DIR = options.dataDir;
  process.env.EMBEDDED_PG_PORT = "0";
  const child = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(options.port), DATA_DIR: options.dataDir, EMBEDDED_PG_PORT: "0", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", options.stderr ?? "inherit"],
    detached: true,
  });
  const server = started(child, `http://127.0.0.1:${options.port}`);
  await waitForHealth(server.url);
  return server;
}

export async function startSecondServer(options: { port: number; dataDir: string; env: Record<string, string> }): Promise<BenchServer> {
  const child = spawn(process.execPath, [".next/serve.mjs"], {
    env: { ...process.env, ...options.env, PORT: String(options.port), DATA_DIR: options.dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const server = started(child, `http://127.0.0.1:${options.port}`);
  await waitForHealth(server.url);
  return server;
}
