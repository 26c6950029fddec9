// The secret a store signs its customer tokens with: "wsec_" and 32 random bytes (base64url).
// The whole string, prefix included, is the HMAC key (its UTF-8 bytes), which is what every JWT
// library does with a string secret, so a store pastes it as is.
import { randomBytes } from "node:crypto";

export const WIDGET_SECRET_PREFIX = "wsec_";

// How long the secret replaced by a rotation still verifies tokens: a day, the longest a token
// may live, so tokens minted just before the switch stay good until they expire.
export const PREVIOUS_WIDGET_SECRET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function generateWidgetSecret(): string {
  return WIDGET_SECRET_PREFIX + randomBytes(32).toString("base64url");
}

// The secrets a token may be signed with at `now`: the current one, then the previous one
// during its day of grace.
export function verifyingSecrets(keys: WidgetKeys, now: Date): string[] {
  const secrets = keys.secret ? [keys.secret] : [];
  if (keys.previousSecret && keys.previousSecretExpiresAt && keys.previousSecretExpiresAt > now) secrets.push(keys.previousSecret);
  return secrets;
}

export type WidgetKeys = { secret: string | null; previousSecret: string | null; previousSecretExpiresAt: Date | null };
