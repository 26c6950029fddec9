// Webhook events carry customers' names, emails and phones: whatever decides where events go
// (creating an endpoint; changing its URL, events or state; resending; replaying) needs an API
// key that may see them. Otherwise a webhooks:manage key could point an endpoint at itself and
// replay a month of personal data.
import { keySeesPersonalData } from "../api-keys/api-key-scopes";
import { AppError } from "../errors";

export function requireWebhookDataScope(key: { scopes: readonly string[] }): void {
  if (keySeesPersonalData(key.scopes)) return;
  throw new AppError(
    "FORBIDDEN",
    "Webhook events carry customers' names, emails and phones: deciding where they go needs the customers:read scope too; this API key lacks it.",
  );
}
