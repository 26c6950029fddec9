// The one Prisma client of a process, kept on globalThis so Next.js hot reloads and repeated
// imports share one pool. Rust-free client through @prisma/adapter-pg (Prisma 6 with engineType
// "client": no native query engine to download).
//
// The client runs on a pg.Pool we create, so the ledger's hot write path can send its single
// statement through that same pool directly: Prisma's per-query overhead measured 40% of a
// ledger write's cost on 2 cores (bench/ledger-bench.ts). Everything else goes through Prisma.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { logger } from "../observability/logger";
import { trackPool } from "../observability/pool-usage";
import { runningEmbeddedUrl } from "./embedded-postgres";
import { warnIfPrivileged } from "./warn-if-privileged";
import { PrismaClient, type Prisma } from "./generated/client";
import { APP_DATABASE, embeddedRoles } from "./open-database";

export type Db = PrismaClient;
// What domain functions take: the client itself or an interactive transaction, so callers can
// compose several operations atomically.
export type DbOrTx = Prisma.TransactionClient;

const RAW_POOL = Symbol.for("loyalty.rawPool");
const globalForDb = globalThis as unknown as { __loyaltyDb?: PrismaClient; __loyaltyReadDb?: PrismaClient };

export function databaseUrl(): string {
  const { DATABASE_URL, DATA_DIR } = env();
  const url = DATABASE_URL ?? runningEmbeddedUrl(DATA_DIR, APP_DATABASE, embeddedRoles(DATA_DIR).app);
  if (!url) {
    throw new Error("No database: set DATABASE_URL, or start the app with `npm start` (it runs embedded PostgreSQL).");
  }
  return url;
}

// How long a request may wait on the database before it is answered 503 (see
// unavailable-error.ts) instead of holding its caller: for a pool connection, for a lock, for a
// statement, and how long a forgotten open transaction may keep its locks.
export type DbLimits = { connectTimeoutMs: number; lockTimeoutMs: number; statementTimeoutMs: number; idleInTransactionTimeoutMs: number };

export function dbLimits(): DbLimits {
  const e = env();
  return {
    connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    lockTimeoutMs: e.DATABASE_LOCK_TIMEOUT_MS,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

export function createDb(url: string, max = env().DATABASE_POOL_SIZE, limits: Partial<DbLimits> = {}): PrismaClient {
  const { connectTimeoutMs, lockTimeoutMs, statementTimeoutMs, idleInTransactionTimeoutMs } = { ...dbLimits(), ...limits };
  // Sent as startup parameters, so they hold for every statement on every connection, the
  // ledger's raw writes included; ledger_write_batch() lowers lock_timeout for its own batch.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: connectTimeoutMs,
    lock_timeout: lockTimeoutMs,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on("error", (error) => logger().warn({ reason: error.message }, "database: idle connection lost"));
  trackPool(pool);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(client, RAW_POOL, { value: pool });
  return client;
}

// The pool under a root client; undefined for a transaction client (its statements must stay
// on the transaction's connection).
export function rawPoolOf(db: DbOrTx): pg.Pool | undefined {
  // A transaction client forwards unknown properties to the root client, so the pool shows
  // through it too: tell them apart by $transaction, which transaction clients lack.
  if (!("$transaction" in db)) return undefined;
  return (db as unknown as Record<symbol, pg.Pool | undefined>)[RAW_POOL];
}

function instance(): PrismaClient {
  if (!globalForDb.__loyaltyDb) {
    globalForDb.__loyaltyDb = createDb(databaseUrl());
    void warnIfPrivileged(globalForDb.__loyaltyDb, (line) => logger().warn(`database: ${line}`));
  }
  return globalForDb.__loyaltyDb;
}

// Lazy so that importing a module never needs a database (builds, unit tests).
function lazyClient(instance: () => PrismaClient): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, property) {
      const client = instance();
      const value = Reflect.get(client, property);
      return typeof value === "function" ? value.bind(client) : value;
    },
    has: (_target, property) => Reflect.has(instance(), property),
  });
}

export const db: PrismaClient = lazyClient(instance);

// The read replica (DATABASE_REPLICA_URL), or the primary itself when none is set. THE RULE:
// readDb serves only reads that change nothing and may be a moment stale: analytics, the CSV
// exports, and the customer, order and audit lists (portal and GET /customers, /orders).
// Everything else stays on `db`: every write, and every read that must see a write just made:
// the ledger (history, balances after an award), idempotency replays, sign-in, API keys,
// sessions, memberships, a record's own page after saving it, the analytics rollup (written
// and read back on the primary). Replication lag: a browser that has just written through the
// portal reads the primary for a few seconds (server/trpc/read-your-writes.ts); an API client's
// GET /customers or /orders may miss, for the replica's lag, a write it made a moment ago.
// Replica down: those reads answer 503 like a primary outage would (same pool limits), rather
// than silently moving the heavy reads onto the primary that the replica was there to spare.
function readInstance(): PrismaClient {
  const url = env().DATABASE_REPLICA_URL;
  if (!url) return instance();
  globalForDb.__loyaltyReadDb ??= createDb(url);
  return globalForDb.__loyaltyReadDb;
}

export const readDb: PrismaClient = lazyClient(readInstance);
