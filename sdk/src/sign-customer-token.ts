// Signing a customer token for the loyalty widget, on the store's server: a JWT (HS256) signed
// with the business's widget secret, naming the customer by the id or email the store knows
// them by. The widget refuses tokens living longer than 24 hours, so this does too, before any
// page sees one. Any JWT library does the same (claims `customer` and `exp`).
import { SignJWT } from "jose";

export const MAX_CUSTOMER_TOKEN_SECONDS = 24 * 60 * 60;

export type SignCustomerTokenOptions = {
  // The widget secret (wsec_...), exactly as shown when it was made; keep it server side.
  secret: string;
  // The customer's externalId in your system, or their email.
  customer: string;
  // How long the token is good for; at most a day. Default: one hour.
  expiresInSeconds?: number;
  // The business's public id (pub_...): the token is then refused by any other business's widget.
  audience?: string;
};

export async function signCustomerToken({ secret, customer, expiresInSeconds = 3600, audience }: SignCustomerTokenOptions): Promise<string> {
  if (!secret) throw new TypeError("signCustomerToken: the widget secret is missing");
  if (!customer.trim()) throw new TypeError("signCustomerToken: name the customer (their externalId or email)");
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_CUSTOMER_TOKEN_SECONDS) {
    throw new RangeError(`signCustomerToken: expiresInSeconds must be a whole number from 1 to ${MAX_CUSTOMER_TOKEN_SECONDS}`);
  }
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ customer: customer.trim() }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setIssuedAt(now).setExpirationTime(now + expiresInSeconds);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
