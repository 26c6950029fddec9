// What every CLI command is made of (the table itself is commands.ts).
import type { ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

type Values = Record<string, string | boolean | string[] | undefined>;

export type Command = {
  name: string;
  usage: string;
  summary: string;
  help?: string;
  options?: ParseArgsConfig["options"];
  positionals?: boolean;
  run: (args: { values: Values; positionals: string[]; out: (line: string) => void }) => Promise<void>;
};

export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`Missing --${name}.`);
  return value;
}
