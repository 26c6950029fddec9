// Runs one of the e2e scripts (seeding, a database change) with tsx against the e2e server's
// database, answering its output. tsx's own CLI under this Node rather than `npx tsx`: npx
// resolving the package costs about half a second of CPU per call, and the suite makes dozens.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

const TSX = createRequire(import.meta.url).resolve("tsx/cli");
const run = promisify(execFile);

// The e2e server's data dir: playwright.config.ts starts it on .data/e2e; a server started by
// hand for a parallel run can live elsewhere (E2E_DATA_DIR).
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";

// Asynchronous, so the worker's event loop (and with it the fixture timeout) keeps running.
export async function runScript(script: string, args: string[], timeout: number): Promise<string> {
  const { stdout } = await run(process.execPath, [TSX, script, ...args], {
    env: { ...process.env, DATA_DIR: E2E_DATA_DIR, EMBEDDED_PG_PORT: "0" },
    encoding: "utf8",
    timeout,
  });
  return stdout;
}
