// Runs one ledger movement through the ledger_write() SQL function: one round trip, atomic,
// serialised per customer by the customer row lock (see the ledger migration). This file owns
// what the database can't: request hashing, retries, and turning refusals into AppErrors.
import { createHash } from "node:crypto";
import { Prisma } from "../db/generated/client";
import { rawPoolOf, type DbOrTx } from "../db/client";
import { pgCode, pgMessage } from "../db/prisma-errors";
import { AppError, isErrorCode, type ErrorCode } from "../errors";
import type { Actor } from "./actor";
import { toLedgerEntry, type EntryRow, type LedgerEntry } from "./ledger-entry";
import { queueLedgerWrite } from "./queue-ledger-write";

export type LedgerOp = "award" | "redeem" | "adjust" | "expire" | "reverse";

export type Enrolment = { email?: string; phone?: string; externalId?: string; name?: string };

export type WriteRequest = {
  op: LedgerOp;
  customerId?: string;
  // An award to someone named by email, phone or external id: found or enrolled by the same
  // statement, so a refused award leaves no customer behind.
  enrol?: Enrolment;
  points?: number;
  description?: string | null;
  reference?: string | null;
  idempotencyKey?: string | null;
  metadata?: Record<string, unknown> | null;
  expiresAt?: Date | null;
  entryId?: string;
  before?: Date | null;
  amount?: number | null;
  // What "the same request" means for idempotency when it isn't the movement itself: a till
  // sends a purchase, and the points it earns depend on settings that may change between a
  // request and its retry, so the till's own input is hashed instead.
  hashInput?: unknown;
};

export type WriteResult = {
  entry: LedgerEntry | null;
  // The customer's balance after everything this call did (absent on a replay: then the
  // original entry's balanceAfter is the answer).
  balance?: number;
  // An idempotent replay: nothing was written, `entry` is the original.
  replay: boolean;
  customerCreated: boolean;
  // Points past their expiry that a debit expired first, as their own EXPIRE entry.
  expired: LedgerEntry | null;
};

const SENTENCES: Record<string, string> = {
  CUSTOMER_NOT_FOUND: "No such customer in this business.",
  ENTRY_NOT_FOUND: "No such transaction in this business.",
  CUSTOMER_BLOCKED: "This customer is blocked and can't earn or redeem points.",
  INSUFFICIENT_POINTS: "The customer doesn't have enough points for this.",
  IDEMPOTENCY_MISMATCH: "This idempotency key was already used with a different request.",
  NOT_REVERSIBLE: "Only awards, redemptions and adjustments can be reversed.",
  ALREADY_REVERSED: "This transaction has already been reversed.",
  EXPIRES_IN_PAST: "Invalid request: expiresAt must be in the future.",
  IDENTITY_CONFLICT: "Another customer already has one of the given email, phone or external id.",
};

// Refusals raised by ledger_write() that are AppError codes under another name.
const ALIASES: Record<string, ErrorCode> = { EXPIRES_IN_PAST: "VALIDATION_ERROR", IDENTITY_CONFLICT: "ALREADY_EXISTS" };

const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

// Same key + same request = replay; the hash is what "same request" means.
export function requestHash(businessId: string, request: WriteRequest): string {
  if (request.hashInput !== undefined) {
    return createHash("sha256").update(JSON.stringify([businessId, request.op, request.hashInput])).digest("hex");
  }
  const canonical = JSON.stringify([
    businessId, request.op, request.customerId ?? request.enrol ?? null, request.points ?? null, request.amount ?? null,
    request.description ?? null, request.reference ?? null, request.metadata ?? null,
    request.expiresAt?.toISOString() ?? null, request.entryId ?? null, request.before?.toISOString() ?? null,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export async function writeLedger(db: DbOrTx, actor: Actor, request: WriteRequest): Promise<WriteResult> {
  const hash = request.idempotencyKey ? requestHash(actor.businessId, request) : null;
  const { hashInput: _hashInput, ...movement } = request;
  const payload = JSON.stringify({
    ...movement,
    businessId: actor.businessId,
    actorType: actor.type,
    actorId: actor.id,
    staffName: actor.staffName ?? null,
    source: actor.source,
    requestHash: hash,
  });
  // Inside a caller's transaction the statement must run on its connection, and retrying
  // would run on an aborted transaction: retries and replays only when we own the statement.
  const pool = rawPoolOf(db);
  const ownsTransaction = pool !== undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = pool
        ? await queueLedgerWrite(pool, laneOf(actor.businessId, request), payload)
        : (await db.$queryRaw<{ result: unknown }[]>(Prisma.sql`SELECT ledger_write(${payload}::jsonb) AS result`))[0]?.result;
      return parseResult(result);
    } catch (error) {
      const code = pgCode(error);
      if (ownsTransaction && code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
        await sleep(Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random()));
        continue;
      }
      // Same key raced on two different customers: the unique index let one through. Inside a
      // caller's transaction we can't look (the transaction is aborted): the caller retries.
      if (code === "23505" && request.idempotencyKey) {
        if (ownsTransaction) return replayExisting(db, actor.businessId, request.idempotencyKey, hash);
        throw new AppError("IDEMPOTENCY_IN_PROGRESS", "Another request with this idempotency key was being processed; retry to get its result.");
      }
      throw translate(error, code);
    }
  }
}

// Writes that name the same customer the same way share a lane (see queue-ledger-write.ts).
// A customer named two ways may get two lanes: the row lock still orders their writes, and a
// batch that finds the customer locked by the other lane hands that write back to be sent on
// its own (lock_timeout), so the lanes never wait on each other for long. A reversal names an
// entry, not a customer: no lane.
function laneOf(businessId: string, request: WriteRequest): string | null {
  if (request.customerId) return `${businessId}:${request.customerId}`;
  if (request.enrol) return `${businessId}:${request.enrol.email ?? ""}:${request.enrol.phone ?? ""}:${request.enrol.externalId ?? ""}`;
  return null;
}

function parseResult(raw: unknown): WriteResult {
  const result = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
    replay: boolean;
    entry: EntryRow | null;
    expired?: EntryRow | null;
    balance?: number;
    customerCreated?: boolean;
  };
  return {
    replay: result.replay,
    customerCreated: result.customerCreated ?? false,
    balance: result.balance,
    entry: result.entry ? toLedgerEntry(result.entry) : null,
    expired: result.expired ? toLedgerEntry(result.expired) : null,
  };
}

async function replayExisting(db: DbOrTx, businessId: string, key: string, hash: string | null): Promise<WriteResult> {
  const prior = await db.ledgerEntry.findUnique({ where: { businessId_idempotencyKey: { businessId, idempotencyKey: key } } });
  if (!prior) throw new AppError("IDEMPOTENCY_IN_PROGRESS", "A request with this idempotency key is still being processed; retry shortly.");
  if (prior.requestHash !== hash) throw new AppError("IDEMPOTENCY_MISMATCH", SENTENCES.IDEMPOTENCY_MISMATCH!);
  return { replay: true, customerCreated: false, entry: toLedgerEntry(prior as unknown as EntryRow), expired: null };
}

function translate(error: unknown, code: string | undefined): unknown {
  if (code?.startsWith("LL")) {
    const refusal = pgMessage(error);
    const appCode = ALIASES[refusal] ?? refusal;
    if (isErrorCode(appCode)) return new AppError(appCode, SENTENCES[refusal] ?? "The ledger refused this operation.");
  }
  if (code === "22003") return new AppError("VALIDATION_ERROR", "This would take the balance beyond the largest number of points we can hold.");
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
