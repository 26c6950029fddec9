// Runs one ledger movement through the ledger_write() SQL function (server/ledger/sql/): one
// round trip, atomic, serialised per customer by the customer row lock. This file owns what
// the database can't: request hashing, retries, and turning refusals into AppErrors.
import { createHash } from "node:crypto";
import { Prisma } from "../db/generated/client";
import { rawPoolOf, type DbOrTx } from "../db/client";
import { pgCode, pgMessage } from "../db/prisma-errors";
import { AppError, isErrorCode, type ErrorCode } from "../errors";
import type { Actor } from "../actors/actor";
import { toLedgerEntry, type EntryRow, type LedgerEntry } from "./ledger-entry";
import { queueLedgerWrite } from "./queue-ledger-write";
import { metrics } from "../observability/metrics";

const { ledgerWrites } = metrics();

// enrol: find or enrol the customer and write no entry (a till check-in that earned nothing).
export type LedgerOp = "award" | "redeem" | "adjust" | "expire" | "reverse" | "enrol";

export type Enrolment = { email?: string; phone?: string; externalId?: string; name?: string };

export type WriteRequest = {
  op: LedgerOp;
  customerId?: string;
  // Someone named by email, phone or external id: found or enrolled by the same statement, so
  // a refused award leaves no customer behind.
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
  // The store it happened at: our id or the store's code (ll_store). storeLenient: a till's
  // free-text storeId, ignored by a business that has set up no stores.
  storeId?: string | null;
  storeLenient?: boolean;
  // Award only: no tier multiplier; spendable from this moment rather than the business's
  // pending days.
  skipMultiplier?: boolean;
  availableAt?: Date | null;
  // A write by the record that owns the entry (a redemption's cancel, an order's refund or
  // cancel): only such a write may reverse an entry a redemption or an order owns, and an
  // order's reissued pending award goes through for a blocked customer and a closed store.
  byOwner?: boolean;
  // What "the same request" means for idempotency when it isn't the movement itself: a till
  // sends a purchase, and the points it earns depend on settings that may change between a
  // request and its retry, so the till's own input is hashed instead (whatever op it became).
  hashInput?: unknown;
  // The caller's own part of the answer (a till's reward threshold), stored with the key and
  // handed back on every replay, so a retry answers exactly as the original did.
  context?: Record<string, unknown>;
};

export type WriteResult = {
  customerId: string;
  entry: LedgerEntry | null;
  // The customer's balance after everything this call did, never counting expired points.
  balance: number;
  // An idempotent replay: nothing was written; everything else is the original answer.
  replay: boolean;
  customerCreated: boolean;
  // Points past their expiry that this call expired first, as their own EXPIRE entry.
  expired: LedgerEntry | null;
  context: Record<string, unknown> | null;
};

const SENTENCES: Record<string, string> = {
  CUSTOMER_NOT_FOUND: "No such customer in this business.",
  ENTRY_NOT_FOUND: "No such transaction in this business.",
  CUSTOMER_BLOCKED: "This customer is blocked and can't earn or redeem points.",
  INSUFFICIENT_POINTS: "The customer doesn't have enough points for this.",
  IDEMPOTENCY_MISMATCH: "This idempotency key was already used with a different request.",
  NOT_REVERSIBLE: "Only awards, redemptions and adjustments can be reversed.",
  ALREADY_REVERSED: "This transaction has already been reversed.",
  REDEMPTION_ENTRY: "This transaction is a reward redemption: cancel the redemption instead (POST /redemptions/{id}/cancel), which also returns its stock and coupon.",
  REFERRAL_ENTRY: "This transaction is a referral's points: cancel or refund the order that completed the referral instead, which voids it and takes both sides' points back.",
  ORDER_ENTRY: "This transaction is an order's points: refund or cancel the order instead (POST /orders/{externalId}/refunds, PUT /orders/{externalId}), which keeps the order's record of them.",
  EXPIRES_IN_PAST: "Invalid request: expiresAt must be in the future.",
  EXPIRES_BEFORE_AVAILABLE: "Invalid request: expiresAt must be after the points become available (availableAt, or the program's pending days).",
  STORE_NOT_FOUND: "Invalid request: storeId names no open store of this business (give our store id or your store code).",
  IDENTITY_CONFLICT: "Another customer already has one of the given email, phone or external id.",
};

// Refusals raised by ledger_write() that are AppError codes under another name.
const ALIASES: Record<string, ErrorCode> = {
  EXPIRES_IN_PAST: "VALIDATION_ERROR",
  EXPIRES_BEFORE_AVAILABLE: "VALIDATION_ERROR",
  STORE_NOT_FOUND: "VALIDATION_ERROR",
  REDEMPTION_ENTRY: "NOT_REVERSIBLE",
  ORDER_ENTRY: "NOT_REVERSIBLE",
  REFERRAL_ENTRY: "NOT_REVERSIBLE",
  IDENTITY_CONFLICT: "ALREADY_EXISTS",
};

const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

// Same key + same request = replay; the hash is what "same request" means.
export function requestHash(businessId: string, request: WriteRequest): string {
  // A caller's own input is hashed under "award", the op check-ins were first hashed under, so
  // keys tills used before check-ins could also be "enrol" still match their retries.
  const canonical =
    request.hashInput !== undefined
      ? JSON.stringify([businessId, "award", request.hashInput])
      : JSON.stringify([
          businessId, request.op, request.customerId ?? request.enrol ?? null, request.points ?? null, request.amount ?? null,
          request.description ?? null, request.reference ?? null, request.metadata ?? null,
          request.expiresAt?.toISOString() ?? null, request.entryId ?? null, request.before?.toISOString() ?? null,
          // Newer fields only when sent, so keys stored before they existed still match.
          ...optionalHashParts(request),
        ]);
  return createHash("sha256").update(canonical).digest("hex");
}

// skipMultiplier is not among them: awards accepted it (and ignored it) before multipliers
// existed, unhashed, and a retry of one of those must still replay.
function optionalHashParts(request: WriteRequest): unknown[] {
  const parts: Record<string, unknown> = {
    storeId: request.storeId ?? undefined,
    availableAt: request.availableAt?.toISOString(),
  };
  return Object.values(parts).some((v) => v !== undefined) ? [parts] : [];
}

// The ledger_write() request for a movement: the request's hash (when it has a key) and who did it.
// Exported for callers that run ledger_write inside a larger statement (order_create).
export function ledgerRequest(actor: Actor, request: WriteRequest) {
  const hash = request.idempotencyKey ? requestHash(actor.businessId, request) : null;
  const { hashInput: _hashInput, ...movement } = request;
  return {
    ...movement,
    businessId: actor.businessId,
    actorType: actor.type,
    actorId: actor.id,
    staffName: actor.staffName ?? null,
    source: actor.source,
    requestId: actor.requestId ?? null,
    requestHash: hash,
  };
}

export async function writeLedger(db: DbOrTx, actor: Actor, request: WriteRequest): Promise<WriteResult> {
  try {
    const result = await writeOnce(db, actor, request);
    ledgerWrites.inc({ op: request.op, outcome: result.replay ? "replay" : "written" });
    return result;
  } catch (error) {
    ledgerWrites.inc({ op: request.op, outcome: error instanceof AppError && error.code !== "SERVICE_UNAVAILABLE" ? "refused" : "error" });
    throw error;
  }
}

async function writeOnce(db: DbOrTx, actor: Actor, request: WriteRequest): Promise<WriteResult> {
  const body = ledgerRequest(actor, request);
  const payload = JSON.stringify(body);
  const hash = body.requestHash;
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
      // The same key raced on two customers: the first committed, so this one replays it.
      // Inside a caller's transaction we can't look (the transaction is aborted): the caller retries.
      if (code === "23505" && request.idempotencyKey) {
        if (ownsTransaction) return replayExisting(db, actor.businessId, request.idempotencyKey, hash);
        throw new AppError("IDEMPOTENCY_IN_PROGRESS", "Another request with this idempotency key was being processed; retry to get its result.");
      }
      throw translateLedgerError(error, code);
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

type RawResult = {
  replay: boolean;
  customerId: string;
  customerCreated: boolean;
  balance: number;
  entry: EntryRow | null;
  expired: EntryRow | null;
  context: Record<string, unknown> | null;
};

function parseResult(raw: unknown): WriteResult {
  const result = (typeof raw === "string" ? JSON.parse(raw) : raw) as RawResult;
  return {
    customerId: result.customerId,
    replay: result.replay,
    customerCreated: result.customerCreated,
    balance: result.balance,
    entry: result.entry ? toLedgerEntry(result.entry) : null,
    expired: result.expired ? toLedgerEntry(result.expired) : null,
    context: result.context ?? null,
  };
}

async function replayExisting(db: DbOrTx, businessId: string, key: string, hash: string | null): Promise<WriteResult> {
  try {
    const [row] = await db.$queryRaw<{ result: unknown }[]>(Prisma.sql`SELECT ll_replay(${businessId}::uuid, ${key}, ${hash}) AS result`);
    if (!row?.result) throw new AppError("IDEMPOTENCY_IN_PROGRESS", "A request with this idempotency key is still being processed; retry shortly.");
    return parseResult(row.result);
  } catch (error) {
    throw translateLedgerError(error, pgCode(error));
  }
}

// A ledger refusal (raised as LL4xx) as the AppError it stands for; anything else unchanged.
export function translateLedgerError(error: unknown, code: string | undefined = pgCode(error)): unknown {
  if (code?.startsWith("LL")) {
    const refusal = pgMessage(error);
    const appCode = ALIASES[refusal] ?? refusal;
    if (isErrorCode(appCode)) return new AppError(appCode, SENTENCES[refusal] ?? "The ledger refused this operation.");
  }
  if (code === "22003") return new AppError("VALIDATION_ERROR", "This would take the balance beyond the largest number of points we can hold.");
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
