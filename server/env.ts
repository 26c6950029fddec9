// The one place that reads process.env. Parsed once with zod so a bad value fails at start-up
// with a readable message instead of somewhere deep in a request.
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./http/resolve-client-address";
import { readOrCreateSecret } from "./secret-file";

// WEB_CONCURRENCY=auto on a large machine: one process per core up to this many (each holds
// DATABASE_POOL_SIZE connections; `npm start` checks the total against the server's limit).
export const AUTO_MAX_PROCESSES = 16;

// "1"/"true"/"yes"/"on" or "0"/"false"/"no"/"off"; unset or empty: the default.
function flag(byDefault: boolean) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const v = value?.trim().toLowerCase();
      if (!v) return byDefault;
      if (["1", "true", "yes", "on"].includes(v)) return true;
      if (["0", "false", "no", "off"].includes(v)) return false;
      ctx.addIssue({ code: "custom", message: "must be 1 or 0 (true or false)" });
      return z.NEVER;
    });
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // The owner of the schema, for migrations (`npm start`, `cli db migrate`); DATABASE_URL is
  // then a role with only row privileges, so the app can't disable the ledger's triggers.
  // Unset: migrations use DATABASE_URL (a single-role install).
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "MIGRATION_DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // A read replica (a streaming standby of DATABASE_URL's database) for analytics, CSV exports
  // and list pages; writes and what must read its own writes stay on the primary (the rule is
  // in server/db/client.ts). Unset: everything on the primary, no second pool.
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_REPLICA_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Where embedded Postgres, the generated auth secret and other local state live.
  DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // App processes `npm start` runs on PORT (node:cluster shares the port among them); "auto":
  // one per core. Each has its own DATABASE_POOL_SIZE connections.
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const v = value?.trim().toLowerCase();
      if (!v) return 1;
      if (v === "auto") return Math.min(availableParallelism(), AUTO_MAX_PROCESSES);
      const n = Number(v);
      if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
      ctx.addIssue({ code: "custom", message: 'WEB_CONCURRENCY must be a number of app processes (1-64) or "auto" (one per core)' });
      return z.NEVER;
    }),
  // Port for the embedded server; 0 picks a free one.
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  AUTH_SECRET: z.string().min(16).optional(),
  // Size of the Prisma/pg pool per process.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Bounds on every app connection, so one locked customer row or a full pool answers 503
  // (Retry-After) instead of stalling requests. Waiting for a pool connection (and connecting):
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  // Waiting for a row or table lock held by another transaction:
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(10).default(3_000),
  // Any one statement (reports included):
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  // A transaction left open by a stuck request: its locks are released after this.
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  // Public API: requests per minute per key unless the key sets its own.
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  // Loyalty widget API (/api/widget/v1): requests per minute per customer (per client address
  // for the public program), per business.
  WIDGET_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // Sign-in attempts one client address may make per 15 minutes before a growing lockout
  // (server/auth/sign-in-throttle.ts). Raise it when many people share one address.
  SIGN_IN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  // Our own reverse proxies / load balancers (comma-separated IPs or CIDRs): only from these is
  // X-Forwarded-For (the client's address) and X-Forwarded-Proto believed. Empty: none.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "TRUSTED_PROXIES must be comma-separated IP addresses or CIDRs (10.0.0.0/8, ::1)" });
        return z.NEVER;
      }
    }),
  // Outgoing mail for invitations and password reset links (e.g. smtps://user:pass@host:465).
  // Unset: links are only shown to the owner, who hands them over.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().default("Loyalty Ledger <no-reply@localhost>"),
  // The portal's address as people reach it, for links in emails; unset: http://localhost:PORT.
  APP_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
  // The job worker (webhook delivery, expiry, analytics rollup, upkeep). `npm start` runs one
  // next to the web server unless START_WORKER=0 (machines that only serve the web, with
  // `npm run worker` elsewhere).
  START_WORKER: flag(true),
  // Jobs one worker process runs at once (a delivery job sends up to 8 requests in parallel).
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  // A worker not heard from for this long is taken for dead and its jobs go to the others.
  WORKER_STALE_AFTER_MS: z.coerce.number().int().min(1000).default(60_000),
  // Days deliveries (with their logs) and delivered events are kept. At least 3: retries run
  // for about 28 hours, and a delivery must outlive them.
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(3, "WEBHOOK_RETENTION_DAYS must be at least 3 (retries run for about 28 hours)").max(3650).default(30),
  // Local development and tests only: lets webhook endpoints be http:// URLs and private,
  // loopback or link-local addresses (a receiver on this machine or the office network).
  // Off unless set to 1/true; on, it also opens the server-side request forgery hole the
  // guard closes (an API key could make us POST to 169.254.169.254 or an internal admin port).
  WEBHOOK_ALLOW_PRIVATE_URLS: flag(false),
  // GET /metrics (Prometheus) answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset:
  // no metrics endpoint at all (404). At least 16 characters: a scrape shows traffic volumes.
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)").optional().or(z.literal("").transform(() => undefined)),
  // JSON log lines on stdout at this level and above. Default info (warn under tests, whose
  // output would otherwise be a line per request).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; DATA_DIR: string; LOG_LEVEL: string };

function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  // First start just works: a random secret is made once and kept under the data dir, so
  // sessions survive restarts. Production deployments set AUTH_SECRET explicitly.
  const authSecret = parsed.data.AUTH_SECRET ?? readOrCreateSecret(dataDir, "auth-secret", 32);
  const logLevel = parsed.data.LOG_LEVEL ?? (parsed.data.NODE_ENV === "test" ? "warn" : "info");
  return { ...parsed.data, DATA_DIR: dataDir, AUTH_SECRET: authSecret, LOG_LEVEL: logLevel };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= readEnv();
  return cached;
}

// Functions in server/webhooks take `allowPrivate` explicitly (env() is read once per process,
// so tests pass it instead); callers in the app read the setting here.
export function allowPrivateWebhookUrls(): boolean {
  return env().WEBHOOK_ALLOW_PRIVATE_URLS;
}

// Logged at server and worker start, so a development setting left on in production is seen.
export function privateUrlsWarning(): string | null {
  if (!allowPrivateWebhookUrls()) return null;
  return "WEBHOOK_ALLOW_PRIVATE_URLS is on: webhooks may be sent over plain http and to private, loopback and cloud metadata addresses. Use it only for local development and tests.";
}
