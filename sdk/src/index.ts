export { LoyaltyLedger, type LoyaltyLedgerOptions } from "./client.js";
export { LoyaltyLedgerError, WebhookVerificationError, type ErrorCode } from "./errors.js";
export { errorCodes, type ApiErrorCode } from "./generated/operations.js";
export { backoffMs, retryAfterMs, type RetryOptions } from "./retry.js";
export { signCustomerToken, MAX_CUSTOMER_TOKEN_SECONDS, type SignCustomerTokenOptions } from "./sign-customer-token.js";
export { verifyWebhook, type WebhookEvent, type WebhookEventType } from "./webhooks.js";
export type { DataFor, ItemOf, ListPaths, PathsFor } from "./types.js";
export type { components, operations, paths, webhooks } from "./generated/openapi.js";
