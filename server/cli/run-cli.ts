// `npm run cli -- <command>`: operator commands that work with or without the app running
// (on the embedded database they reuse the running server). Exit 2 on bad usage, 1 on a
// refused operation, with a sentence on stderr either way.
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { AppError } from "../errors";
import { commands, UsageError, type Command } from "./commands";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return ["Usage: npm run cli -- <command> [options]", "", "Commands:", ...lines, "", "Add --help after a command for its options."].join("\n");
}

function find(argv: string[]): { command: Command; rest: string[] } | undefined {
  for (const command of commands) {
    const words = command.name.split(" ");
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    out(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const found = find(argv);
  if (!found) {
    console.error(`Unknown command "${argv.join(" ")}".\n\n${usage()}`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    out(`Usage: npm run cli -- ${command.usage}\n\n${command.summary}${command.help ? `\n\n${command.help}` : ""}`);
    return 0;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: command.positionals ?? false, strict: true });
    await command.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals, out });
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (error instanceof ZodError) {
      console.error(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`${error.message} (${error.code})`);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
