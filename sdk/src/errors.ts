// Every refusal the API answers ({success:false, error, code}) and every request that never got
// an answer becomes one error type, so callers branch on `code`, not on messages.

import type { ApiErrorCode } from "./generated/operations.js";

// The API's codes, NETWORK_ERROR (no answer), or a code newer than this SDK.
export type ErrorCode = ApiErrorCode | "NETWORK_ERROR" | (string & Record<never, never>);

export type ErrorBody = { success?: false; error?: string; code?: string; details?: unknown };

export class LoyaltyLedgerError extends Error {
  // The HTTP status; 0 when no answer arrived (code NETWORK_ERROR).
  readonly status: number;
  // The API's code, e.g. INSUFFICIENT_POINTS, VALIDATION_ERROR, RATE_LIMITED.
  readonly code: ErrorCode;
  // The X-Request-Id the API answered with: quote it to support.
  readonly requestId: string | undefined;
  readonly details: unknown;
  // The idempotency key the SDK sent with this write (its own or yours). After a NETWORK_ERROR
  // the write may have landed: send it again with this key, never with a new one.
  idempotencyKey: string | undefined;

  constructor(message: string, options: { status: number; code: ErrorCode; requestId?: string; details?: unknown; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "LoyaltyLedgerError";
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.details = options.details;
    this.idempotencyKey = undefined;
  }

  static fromResponse(response: Response, body: unknown): LoyaltyLedgerError {
    const parsed = (typeof body === "object" && body !== null ? body : {}) as ErrorBody;
    return new LoyaltyLedgerError(parsed.error ?? `The API answered ${response.status}.`, {
      status: response.status,
      code: parsed.code ?? `HTTP_${response.status}`,
      requestId: response.headers.get("x-request-id") ?? undefined,
      details: parsed.details,
    });
  }
}

// A webhook whose signature, timestamp or body doesn't check out: answer it with a 400.
export class WebhookVerificationError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "WebhookVerificationError";
  }
}
