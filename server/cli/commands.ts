// The CLI's command table. Each command is a thin adapter over a server/ function.
import type { ParseArgsConfig } from "node:util";
import { createBusiness } from "../businesses/create-business";
import { migrate } from "../db/migrate";
import { openDatabase } from "../db/open-database";
import { withDatabase } from "../db/with-database";
import { seedDemo } from "../seed/seed-demo";

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

export const commands: Command[] = [
  {
    name: "business create",
    usage: "business create --name <name> --owner-email <email> --owner-password <password> [--slug <slug>]",
    summary: "Create a business with its owner login; prints the business slug.",
    options: { name: { type: "string" }, "owner-email": { type: "string" }, "owner-password": { type: "string" }, slug: { type: "string" } },
    run: async ({ values, out }) => {
      const input = {
        name: required(values, "name"),
        ownerEmail: required(values, "owner-email"),
        ownerPassword: required(values, "owner-password"),
        slug: values.slug as string | undefined,
      };
      const { business } = await withDatabase((db) => createBusiness(db, input));
      out(business.slug);
    },
  },
  {
    name: "db migrate",
    usage: "db migrate",
    summary: "Apply pending migrations from prisma/migrations.",
    run: async ({ out }) => {
      const database = await openDatabase();
      try {
        const result = await migrate(database.url, { log: out });
        out(result.applied.length ? `Applied ${result.applied.length} migration(s).` : `Database is up to date (${result.alreadyApplied} migrations).`);
      } finally {
        if (database.owned) await database.stop();
      }
    },
  },
  {
    name: "db seed-demo",
    usage: "db seed-demo",
    summary: "Create the demo business (owner login, customers, history) unless it exists.",
    run: async ({ out }) => {
      const result = await withDatabase((db) => seedDemo(db));
      out(result.created ? result.summary : "The demo business already exists; nothing changed.");
    },
  },
];
