// The CLI's command table. Each command is a thin adapter over a server/ function.
import { API_KEY_SCOPES, apiKeyScopeSchema } from "../api-keys/api-key-scopes";
import { cliActor } from "../actors/actor";
import { createApiKey } from "../api-keys/create-api-key";
import { revokeApiKey } from "../api-keys/manage-api-keys";
import { createBusiness } from "../businesses/create-business";
import { AppError } from "../errors";
import { rollUpAnalytics } from "../analytics/roll-up-analytics";
import { rawPoolOf } from "../db/client";
import { env } from "../env";
import { expireDuePoints } from "../ledger/expire-due-points";
import { warnExpiringPoints } from "../ledger/warn-expiring-points";
import { maintainWebhooks } from "../webhooks/maintain-webhooks";
import { migrateDatabase } from "../db/migrate";
import { openDatabase } from "../db/open-database";
import { withDatabase } from "../db/with-database";
import { seedDemo } from "../seed/seed-demo";
import { required, UsageError, type Command } from "./commands-base";
import { dbCommands } from "./db-commands";
import { importCommands } from "./import-commands";
import { orderCommands } from "./order-commands";

export { required, UsageError, type Command } from "./commands-base";

export const commands: Command[] = [
  {
    name: "business create",
    usage: "business create --name <name> --owner-email <email> --owner-password <password> [--slug <slug>]",
    summary: "Create a business with its owner login (a temporary password, changed at first sign-in); prints the business slug.",
    options: { name: { type: "string" }, "owner-email": { type: "string" }, "owner-password": { type: "string" }, slug: { type: "string" } },
    run: async ({ values, out }) => {
      const input = {
        name: required(values, "name"),
        ownerEmail: required(values, "owner-email"),
        ownerPassword: required(values, "owner-password"),
        slug: values.slug as string | undefined,
        // Typed by an operator, maybe on a shared shell history: the owner replaces it.
        ownerMustChangePassword: true,
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
        const result = await migrateDatabase(database, { log: out });
        out(result.applied.length ? `Applied ${result.applied.length} migration(s).` : `Database is up to date (${result.alreadyApplied} migrations).`);
      } finally {
        if (database.owned) await database.stop();
      }
    },
  },
  {
    name: "db seed-demo",
    usage: "db seed-demo",
    summary: "Create the demo business (owner login with a random temporary password, customers, history) unless it exists.",
    run: async ({ out }) => {
      const result = await withDatabase((db, _url, database) => seedDemo(db, { ownerUrl: database.migrationUrl }));
      out(result.created ? result.summary : "The demo business already exists; nothing changed.");
    },
  },
  {
    name: "api-key create",
    usage: "api-key create --business <slug> [--name <name>] [--scopes points:read,points:write,...]",
    summary: "Create an API key for a business; prints the key alone on stdout (it is shown only once).",
    help: `Scopes (comma-separated; none = full access): ${API_KEY_SCOPES.join(", ")}`,
    options: { business: { type: "string" }, name: { type: "string" }, scopes: { type: "string" } },
    run: async ({ values, out }) => {
      const slug = required(values, "business");
      const scopes = typeof values.scopes === "string" ? values.scopes.split(",").map((s) => apiKeyScopeSchema.parse(s.trim())) : [];
      const key = await withDatabase(async (db) => {
        const business = await db.business.findUnique({ where: { slug } });
        if (!business) throw new AppError("NOT_FOUND", `No business with the slug "${slug}".`);
        return (await createApiKey(db, cliActor(business.id), { name: (values.name as string | undefined) ?? "CLI key", scopes })).key;
      });
      out(key);
    },
  },
  {
    name: "api-key revoke",
    usage: "api-key revoke <id>",
    summary: "Revoke an API key by its id; calls with it get 401 from then on.",
    positionals: true,
    run: async ({ positionals, out }) => {
      const id = positionals[0];
      if (!id) throw new UsageError("Missing the API key id.");
      await withDatabase(async (db) => {
        // Never query with a non-UUID: Prisma would drop an undefined filter and match any key.
        const key = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id) ? await db.apiKey.findFirst({ where: { id } }) : null;
        if (!key) throw new AppError("NOT_FOUND", `No API key with the id "${id}".`);
        await revokeApiKey(db, cliActor(key.businessId), { id });
      });
      out(`Revoked ${id}.`);
    },
  },
  {
    name: "points expire-due",
    usage: "points expire-due",
    summary: "Expire every lot past its expiry date, in all businesses (the job worker also runs this hourly).",
    run: async ({ out }) => {
      const run = await withDatabase((db) => expireDuePoints(db));
      out(`Expired ${run.points} points for ${run.customers} customers.`);
    },
  },
  {
    name: "points warn-expiring",
    usage: "points warn-expiring",
    summary: "Write points.expiring_soon for lots expiring within each business's warning days (the worker runs this hourly).",
    run: async ({ out }) => {
      const run = await withDatabase((db) => warnExpiringPoints(db));
      out(`Warned of ${run.lots} lots about to expire.`);
    },
  },
  {
    name: "analytics rollup",
    usage: "analytics rollup",
    summary: "Fill the daily analytics of every business's settled days (the worker runs this nightly).",
    run: async ({ out }) => {
      const run = await withDatabase((db) => rollUpAnalytics(db));
      out(`Rolled up analytics for ${run.businesses} businesses.`);
    },
  },
  {
    name: "webhooks maintain",
    usage: "webhooks maintain",
    summary: "Mark endpoints failing for 3 days, and prune delivery logs and delivered events past WEBHOOK_RETENTION_DAYS (the worker runs this hourly).",
    run: async ({ out }) => {
      const run = await withDatabase((db) => maintainWebhooks(rawPoolOf(db)!, { retentionDays: env().WEBHOOK_RETENTION_DAYS }));
      out(`Marked ${run.failing} endpoints failing and ${run.stuck} stuck deliveries failed; pruned ${run.deliveries} deliveries (with their attempt logs) and ${run.events} events.`);
    },
  },
  ...dbCommands,
  ...importCommands,
  ...orderCommands,
];
