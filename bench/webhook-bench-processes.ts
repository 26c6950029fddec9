// The webhooks bench's moving parts besides the web server: the receiver thread and the job
// worker process. Both are bundled with esbuild and run by node itself, as `npm start` runs its
// worker (under tsx's loader the same code costs about 10% more, and a worker thread can't load
// TypeScript at all).
import { spawn } from "node:child_process";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
import type { Receipt, ReceiverMessage } from "./webhook-receiver";

export function bundle(entry: string, outDir: string): string {
  const outfile = path.resolve(outDir, `${path.basename(entry, ".ts")}.mjs`);
  buildSync({ entryPoints: [entry], outfile, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20", logLevel: "error" });
  return outfile;
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export async function startReceiver(outDir: string) {
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const thread = new Worker(bundle("bench/webhook-receiver.ts", outDir), { workerData: { counters: counters.buffer } });
  thread.on("error", (error) => {
    console.error(`receiver failed: ${error.message}`);
    process.exit(1);
  });
  const next = <T>() => new Promise<T>((resolve) => thread.once("message", resolve));
  const send = (message: ReceiverMessage) => thread.postMessage(message);
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    setSecret: async (secret: string) => {
      const ready = next();
      send({ secret });
      await ready;
    },
    // Receipts since the last call, as (webhook-id, receipt time in ms since the epoch).
    take: async () => {
      const answer = next<{ receipts: Receipt[] }>();
      send({ take: true });
      return (await answer).receipts;
    },
    requests: () => Atomics.load(counters, 0),
    badSignatures: () => Atomics.load(counters, 1),
    stop: () => thread.terminate(),
  };
}

export type WorkerProcess = { pid: number; stop: () => Promise<void> };

// Resolves once the worker runs (its queue installed, the outbox pump started). Its own
// process group: stopping it (SIGTERM, jobs in flight finish) never touches the bench.
export async function startWorkerProcess(file: string, env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [file], { env: { ...env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit", "ipc"], detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([
    new Promise((resolve) => child.once("message", resolve)),
    exited.then(() => {
      throw new Error("the job worker exited at start");
    }),
  ]);
  child.disconnect();
  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
