// Member tokens: the member page's (/m/<publicId>) proof of who the customer is, made by us, so
// a shop without a website never needs a widget secret. HS256 JWTs signed with a key derived
// from the server's AUTH_SECRET per purpose and per business (HMAC-SHA256 of
// "member-<kind>:<publicId>"): a token of business A can't verify for B, a link can't be used
// as a session, and neither is a store token (those are signed with the store's widget secret).
//   session  what the widget API accepts (Authorization: Bearer), iss MEMBER_SESSION_ISSUER.
//            30 days: the page is a customer's bookmark for a shop they visit now and then;
//            signing in by emailed code every time they open it would drive them away.
//   link     what a store or till hands the customer (/m/<publicId>#link=...), iss
//            MEMBER_LINK_ISSUER, at most 24 h; the page exchanges it for a session on opening.
// Claims: iss, aud (the public id), sub (our customer id: no email or name in a token that sits
// in localStorage and in a QR code; the widget route looks the customer up by it), iat, exp.
// The lifetime is checked against iat, so no token outlives its kind's maximum.
import { createHmac } from "node:crypto";
import { decodeJwt, errors, jwtVerify, SignJWT } from "jose";
import { env } from "../env";
import { AppError } from "../errors";
import { CLOCK_TOLERANCE_SECONDS } from "./verify-customer-token";

export type MemberTokenKind = "session" | "link";

export const MEMBER_SESSION_ISSUER = "loyalty-ledger:member-session";
export const MEMBER_LINK_ISSUER = "loyalty-ledger:member-link";
export const MEMBER_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
export const MEMBER_LINK_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

const ISSUER: Record<MemberTokenKind, string> = { session: MEMBER_SESSION_ISSUER, link: MEMBER_LINK_ISSUER };
const MAX_LIFETIME: Record<MemberTokenKind, number> = { session: MEMBER_SESSION_LIFETIME_SECONDS, link: MEMBER_LINK_MAX_LIFETIME_SECONDS };
const MAX_TOKEN_LENGTH = 4096;

export type MemberTokenOptions = { now?: Date; authSecret?: string };
// jti: a link's id (member_links), by which it is used once.
export type VerifiedMemberToken = { customerId: string; issuedAt: Date; expiresAt: Date; jti: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One key per purpose and business, never AUTH_SECRET itself (which also signs staff sessions).
export function memberKey(purpose: string, publicId: string, authSecret: string = env().AUTH_SECRET): Uint8Array {
  return createHmac("sha256", authSecret).update(`member-${purpose}:${publicId}`).digest();
}

export async function signMemberToken(
  kind: MemberTokenKind,
  publicId: string,
  customerId: string,
  options: MemberTokenOptions & { lifetimeSeconds?: number; jti?: string } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const lifetime = Math.min(options.lifetimeSeconds ?? MAX_LIFETIME[kind], MAX_LIFETIME[kind]);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER[kind])
    .setAudience(publicId)
    .setSubject(customerId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime);
  if (options.jti) jwt.setJti(options.jti);
  const token = await jwt.sign(memberKey(kind, publicId, options.authSecret));
  return { token, expiresAt: new Date((iat + lifetime) * 1000) };
}

// Whether a bearer token claims to be a member session (unverified: only picks the verifier).
export function claimsMemberSession(token: string): boolean {
  try {
    return decodeJwt(token).iss === MEMBER_SESSION_ISSUER;
  } catch {
    return false;
  }
}

const invalid = (kind: MemberTokenKind, why: string) =>
  new AppError("TOKEN_INVALID", kind === "link" ? `This sign-in link is not valid: ${why}. Ask the shop for a new one.` : `The member session is not valid: ${why}; sign in again.`);

export async function verifyMemberToken(kind: MemberTokenKind, token: string, publicId: string, options: MemberTokenOptions = {}): Promise<VerifiedMemberToken> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalid(kind, "it is too long");
  const now = options.now ?? new Date();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, memberKey(kind, publicId, options.authSecret), {
      algorithms: ["HS256"],
      issuer: ISSUER[kind],
      audience: publicId,
      requiredClaims: ["exp", "iat"],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new AppError("TOKEN_EXPIRED", kind === "link" ? "This sign-in link has expired; ask the shop for a new one." : "The member session has expired; sign in again.");
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) throw invalid(kind, "its signature does not match (another business, or not made by us)");
    if (error instanceof errors.JWTClaimValidationFailed) throw invalid(kind, `the ${error.claim} claim is wrong`);
    if (error instanceof errors.JOSEError) throw invalid(kind, "it is not a signed token");
    throw error;
  }
  if (payload.exp! - payload.iat! > MAX_LIFETIME[kind] + CLOCK_TOLERANCE_SECONDS) throw invalid(kind, "it lives too long");
  if (typeof payload.sub !== "string" || !UUID.test(payload.sub)) throw invalid(kind, "it names no customer");
  return { customerId: payload.sub, issuedAt: new Date(payload.iat! * 1000), expiresAt: new Date(payload.exp! * 1000), jti: typeof payload.jti === "string" ? payload.jti : null };
}
