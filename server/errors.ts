import { pgCode } from "./db/prisma-errors";
import { databaseUnavailability } from "./db/unavailable-error";

// One error type for the whole domain. REST maps `status`, tRPC maps `trpcCode`; both show
// `message` (a sentence meant for the integrator or staff member) and `code` (for programs).
const CODES = {
  VALIDATION_ERROR: { status: 400, trpc: "BAD_REQUEST" },
  INVALID_JSON: { status: 400, trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { status: 401, trpc: "UNAUTHORIZED" },
  // The widget's customer token (server/widget/verify-customer-token.ts): past its exp, or not
  // one we accept (bad signature, wrong business, too long-lived, malformed).
  TOKEN_EXPIRED: { status: 401, trpc: "UNAUTHORIZED" },
  TOKEN_INVALID: { status: 401, trpc: "UNAUTHORIZED" },
  // The member page's emailed sign-in code: wrong, expired, used or voided (one answer for all,
  // and for an email that is no customer, so nothing tells members apart).
  MEMBER_CODE_INVALID: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  CUSTOMER_BLOCKED: { status: 403, trpc: "FORBIDDEN" },
  // A widget API call from a page whose origin the business has not allowed.
  ORIGIN_NOT_ALLOWED: { status: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  CUSTOMER_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  ENTRY_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  // Sign-in by emailed code on the member page while this server sends no mail (no SMTP_URL).
  EMAIL_SIGN_IN_UNAVAILABLE: { status: 409, trpc: "CONFLICT" },
  ALREADY_EXISTS: { status: 409, trpc: "CONFLICT" },
  ALREADY_REVERSED: { status: 409, trpc: "CONFLICT" },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, trpc: "CONFLICT" },
  // Rewards: none left (stock or coupon pool), not redeemable now, the customer's limit, a
  // coupon that can't be used (never issued, or voided by a cancel).
  OUT_OF_STOCK: { status: 409, trpc: "CONFLICT" },
  REWARD_UNAVAILABLE: { status: 409, trpc: "CONFLICT" },
  LIMIT_REACHED: { status: 409, trpc: "CONFLICT" },
  COUPON_UNUSABLE: { status: 409, trpc: "CONFLICT" },
  // Referrals: the referee already has one; or can't be referred (themselves, or already a customer with orders).
  ALREADY_REFERRED: { status: 409, trpc: "CONFLICT" },
  REFERRAL_NOT_ALLOWED: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  INSUFFICIENT_POINTS: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  IDEMPOTENCY_MISMATCH: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  NOT_REVERSIBLE: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RATE_LIMITED: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
  SERVICE_UNAVAILABLE: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
} as const;

export type ErrorCode = keyof typeof CODES;
export type TrpcErrorCode = (typeof CODES)[ErrorCode]["trpc"];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  // Extra response headers for the REST API (Retry-After on 429, ...).
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return CODES[this.code].status;
  }

  get trpcCode(): TrpcErrorCode {
    return CODES[this.code].trpc;
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(CODES, value);
}

// For the SDK's generated ErrorCode type (server/rest/sdk-source.ts).
export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];

// Anything that isn't an AppError becomes a generic 500: internals never reach a client. The
// exceptions are database refusals that mean "bad input" our validation let through: a value
// Postgres can't store (class 22: NUL bytes, broken Unicode, out-of-range dates) or a CHECK or
// unique constraint; those are the caller's to fix, not a server fault.
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = pgCode(error);
  if (code?.startsWith("22") || code === "23514") {
    return new AppError("VALIDATION_ERROR", "Invalid request: a value can't be stored (check for NUL characters, broken Unicode or out-of-range numbers and dates).");
  }
  if (code === "23505") return new AppError("CONFLICT", "This conflicts with an existing record; reload and retry.");
  const unavailable = databaseUnavailability(error);
  if (unavailable) return databaseUnavailableError(unavailable);
  return new AppError("INTERNAL", "Something went wrong on our side. The request was not applied; please retry.");
}

// Seconds a client should wait before retrying a request the database couldn't serve.
export const DATABASE_RETRY_AFTER_SECONDS = 2;

// busy (a lock held elsewhere, a full pool, a timed-out statement): the transaction rolled back,
// nothing was applied. down: a connection lost during a commit may have committed, so the
// sentence points at idempotency keys rather than promising nothing happened.
export function databaseUnavailableError(kind: "busy" | "down"): AppError {
  const sentence =
    kind === "busy"
      ? "The database is busy and could not serve this request in time. It was not applied; retry shortly."
      : "The database is unavailable; retry shortly (a write with an idempotencyKey is safe to retry).";
  return new AppError("SERVICE_UNAVAILABLE", sentence, undefined, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });
}
