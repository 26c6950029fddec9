// One seeding process per Playwright worker (`seed-portal.ts --serve`), asked for a business per
// tag over stdin. Starting tsx, loading the server's code and connecting cost a second or two of
// CPU on every `freshSeed`; kept running, a business costs its queries and password hashes.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { E2E_DATA_DIR } from "./run-script";
import type { PortalSeed } from "./fixtures";

const TSX = createRequire(import.meta.url).resolve("tsx/cli");

type Waiting = { resolve: (seed: PortalSeed) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

export class Seeder {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, Waiting>();
  // The end of the process's stderr, for the error when it dies.
  private stderr = "";
  // Set once it has died (or could not start): every later request fails at once with it.
  private dead: Error | undefined;

  constructor() {
    this.child = spawn(process.execPath, [TSX, "e2e/portal/seed-portal.ts", "--serve"], {
      env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: "0" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    // Writing to a process that has died: reported by the exit handler below, not as a crash.
    this.child.stdin!.on("error", () => {});
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.answer(line));
    this.child.on("error", (error) => this.failAll(new Error(`the seeding process failed: ${error.message}`)));
    this.child.on("exit", (code, signal) => this.failAll(new Error(`the seeding process exited (${code ?? signal}):\n${this.stderr}`)));
  }

  seed(tag: string, timeout: number): Promise<PortalSeed> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(this.dead);
      const timer = setTimeout(() => {
        this.waiting.delete(tag);
        reject(new Error(`seeding ${tag} took over ${timeout} ms:\n${this.stderr}`));
      }, timeout);
      this.waiting.set(tag, { resolve, reject, timer });
      this.child.stdin!.write(`${tag}\n`);
    });
  }

  // The end of stdin ends its loop, and it disconnects and exits on its own; killed if it hangs.
  async stop() {
    if (this.dead || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private answer(line: string) {
    const [verdict, tag, ...rest] = line.split(" ");
    const waiting = tag === undefined ? undefined : this.waiting.get(tag);
    if (!waiting || (verdict !== "SEED" && verdict !== "FAIL")) return; // the app's own output
    this.waiting.delete(tag!);
    clearTimeout(waiting.timer);
    if (verdict === "FAIL") return waiting.reject(new Error(`seeding ${tag} failed: ${rest.join(" ")}`));
    try {
      waiting.resolve(JSON.parse(rest.join(" ")) as PortalSeed);
    } catch (error) {
      waiting.reject(new Error(`seeding ${tag} answered something unreadable: ${String(error)}`));
    }
  }

  private failAll(error: Error) {
    this.dead ??= error;
    for (const [tag, waiting] of this.waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.waiting.delete(tag);
    }
  }
}
