// The one Prisma client of a process, kept on globalThis so Next.js hot reloads and repeated
// imports share one pool. Rust-free client through @prisma/adapter-pg (see shared/STACK.md).
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { runningEmbeddedUrl } from "./embedded-postgres";
import { PrismaClient, type Prisma } from "./generated/client";
import { APP_DATABASE } from "./open-database";

export type Db = PrismaClient;
// What domain functions take: the client itself or an interactive transaction, so callers can
// compose several operations atomically.
export type DbOrTx = Prisma.TransactionClient;

const globalForDb = globalThis as unknown as { __loyaltyDb?: PrismaClient };

export function databaseUrl(): string {
  const { DATABASE_URL, DATA_DIR } = env();
  const url = DATABASE_URL ?? runningEmbeddedUrl(DATA_DIR, APP_DATABASE);
  if (!url) {
    throw new Error("No database: set DATABASE_URL, or start the app with `npm start` (it runs embedded PostgreSQL).");
  }
  return url;
}

export function createDb(url: string, max = env().DATABASE_POOL_SIZE): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

// Lazy so that importing a module never needs a database (builds, unit tests).
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForDb.__loyaltyDb ??= createDb(databaseUrl());
    const value = Reflect.get(globalForDb.__loyaltyDb, property);
    return typeof value === "function" ? value.bind(globalForDb.__loyaltyDb) : value;
  },
});
