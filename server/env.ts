// The one place that reads process.env. Parsed once with zod so a bad value fails at start-up
// with a readable message instead of somewhere deep in a request.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Where embedded Postgres, the generated auth secret and other local state live.
  DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Port for the embedded server; 0 picks a free one.
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
  AUTH_SECRET: z.string().min(16).optional(),
  // Size of the Prisma/pg pool per process.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Public API: requests per minute per key unless the key sets its own.
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
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
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; DATA_DIR: string };

function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return { ...parsed.data, DATA_DIR: dataDir, AUTH_SECRET: parsed.data.AUTH_SECRET ?? persistedSecret(dataDir) };
}

// First start just works: a random secret is made once and kept under the data dir, so
// sessions survive restarts. Production deployments set AUTH_SECRET explicitly.
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process (CLI next to the app) won the race: use its secret.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= readEnv();
  return cached;
}
