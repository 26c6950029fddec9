// The store's proof of who the customer is: a compact JWS (a JWT) signed HS256 with the
// business's widget secret, whose payload names the customer and expires. Claims:
//   customer (or sub)  the customer's externalId or email, as the store knows them
//   exp                required, at most 24 h ahead (a leaked token is worth a day at most)
//   aud                optional; when present it must be the business's public id
//   iat, nbf           optional, checked by jose when present
// Only HS256 is accepted (no "none", no algorithm the token picks). Signatures are compared in
// constant time by jose. An expired token is told apart (the widget then asks the page for a
// fresh one); anything else is TOKEN_INVALID, without saying which check failed beyond a hint.
import { errors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "../errors";
import { verifyingSecrets, type WidgetKeys } from "./widget-secret";

export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
// Clocks of the store's server and ours differ a little.
export const CLOCK_TOLERANCE_SECONDS = 60;
const MAX_TOKEN_LENGTH = 4096;
const MAX_CUSTOMER_LENGTH = 254;

export type VerifiedToken = { customer: string; expiresAt: Date };

const invalid = (why: string) => new AppError("TOKEN_INVALID", `The customer token is not valid: ${why}.`);

export async function verifyCustomerToken(token: string, keys: WidgetKeys, publicId: string, now: Date = new Date()): Promise<VerifiedToken> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalid("it is too long");
  const secrets = verifyingSecrets(keys, now);
  if (secrets.length === 0) throw invalid("this business has no widget secret yet");
  const payload = await verifiedPayload(token, secrets, now);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (payload.exp! - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) throw invalid("it expires more than 24 hours ahead");
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(publicId)) throw invalid("it was made for another business (aud)");
  }
  const customer = typeof payload.customer === "string" ? payload.customer : payload.sub;
  if (payload.customer !== undefined && typeof payload.customer !== "string") throw invalid("the customer claim must be a string");
  if (typeof customer !== "string" || customer.trim() === "" || customer.length > MAX_CUSTOMER_LENGTH) {
    throw invalid("it names no customer (claim customer or sub: their externalId or email)");
  }
  return { customer: customer.trim(), expiresAt: new Date(payload.exp! * 1000) };
}

// Tries the current secret, then the previous one; only a signature mismatch moves on to the
// next secret, so an expired token is reported as expired whichever secret signed it.
async function verifiedPayload(token: string, secrets: string[], now: Date): Promise<JWTPayload> {
  for (const secret of secrets) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ["HS256"],
        requiredClaims: ["exp"],
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      if (error instanceof errors.JWTExpired) throw new AppError("TOKEN_EXPIRED", "The customer token has expired; the page needs a fresh one from the store.");
      if (error instanceof errors.JOSEAlgNotAllowed) throw invalid("only HS256 is accepted");
      if (error instanceof errors.JWTClaimValidationFailed) throw invalid(`the ${error.claim} claim is wrong (${error.reason})`);
      if (error instanceof errors.JOSEError) throw invalid("it is not a signed JWT");
      throw error;
    }
  }
  throw invalid("its signature does not match this business's widget secret");
}
