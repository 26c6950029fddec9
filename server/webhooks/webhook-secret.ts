// Signing secrets in the Standard Webhooks format ("whsec_" + base64 of 24 random bytes), so
// receivers can verify deliveries with any Standard Webhooks library.
import { randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}
