// Member tokens against a fixed clock and a random AUTH_SECRET handed in, so nothing here
// depends on when it runs or on the machine's settings.
import { randomBytes } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { memberKey, MEMBER_SESSION_ISSUER, signMemberToken, verifyMemberToken, type MemberTokenKind } from "./member-token";
import { verifyCustomerToken } from "./verify-customer-token";
import { generateWidgetSecret } from "./widget-secret";

const NOW = new Date("2026-06-01T12:00:00Z");
const T = NOW.getTime() / 1000;
const AUTH = randomBytes(32).toString("hex");
const PUB = "pub_0123456789abcdef0123456789abcdef";
const OTHER_PUB = "pub_ffffffffffffffffffffffffffffffff";
const opts = { now: NOW, authSecret: AUTH };
const ALICE = "6f0c7a52-3d1e-4b8a-9c2f-1a2b3c4d5e6f";
const BOB = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

async function refusal(kind: MemberTokenKind, token: string, publicId = PUB, now = NOW): Promise<AppError> {
  const error = await verifyMemberToken(kind, token, publicId, { now, authSecret: AUTH }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// A token with our claims but signed with any key (forgeries and mix-ups).
const signWith = (key: Uint8Array | string, payload: JWTPayload) =>
  new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(typeof key === "string" ? new TextEncoder().encode(key) : key);

describe("member tokens", () => {
  it("a session lives 30 days and names its customer; a link at most 24 hours, with its id", async () => {
    const session = await signMemberToken("session", PUB, ALICE, opts);
    expect(session.expiresAt).toEqual(new Date((T + 30 * 86400) * 1000));
    expect(await verifyMemberToken("session", session.token, PUB, opts)).toEqual({ customerId: ALICE, issuedAt: new Date(T * 1000), expiresAt: session.expiresAt, jti: null });
    const jti = "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e";
    const link = await signMemberToken("link", PUB, ALICE, { ...opts, lifetimeSeconds: 7 * 86400, jti });
    expect(link.expiresAt).toEqual(new Date((T + 86400) * 1000));
    // The link's id, by which it signs in once (member_links).
    expect(await verifyMemberToken("link", link.token, PUB, opts)).toEqual({ customerId: ALICE, issuedAt: new Date(T * 1000), expiresAt: link.expiresAt, jti });
  });

  it("an expired session or link is TOKEN_EXPIRED", async () => {
    const session = await signMemberToken("session", PUB, ALICE, opts);
    expect((await refusal("session", session.token, PUB, new Date((T + 30 * 86400 + 120) * 1000))).code).toBe("TOKEN_EXPIRED");
    const link = await signMemberToken("link", PUB, ALICE, { ...opts, lifetimeSeconds: 600 });
    const error = await refusal("link", link.token, PUB, new Date((T + 3600) * 1000));
    expect([error.code, error.message]).toEqual(["TOKEN_EXPIRED", expect.stringMatching(/ask the shop for a new one/)]);
  });

  it("refuses a forged token: another server's AUTH_SECRET, or AUTH_SECRET itself as the key", async () => {
    const claims = { sub: ALICE, iss: MEMBER_SESSION_ISSUER, aud: PUB, iat: T, exp: T + 600 };
    const otherServer = await signWith(memberKey("session", PUB, randomBytes(32).toString("hex")), claims);
    expect((await refusal("session", otherServer)).message).toMatch(/signature/);
    expect((await refusal("session", await signWith(AUTH, claims))).code).toBe("TOKEN_INVALID");
    const [header, , signature] = (await signMemberToken("session", PUB, ALICE, opts)).token.split(".");
    const bob = Buffer.from(JSON.stringify({ ...claims, sub: BOB })).toString("base64url");
    expect((await refusal("session", `${header}.${bob}.${signature}`)).code).toBe("TOKEN_INVALID");
  });

  it("refuses business A's session for business B", async () => {
    const { token } = await signMemberToken("session", PUB, ALICE, opts);
    expect((await refusal("session", token, OTHER_PUB)).code).toBe("TOKEN_INVALID");
  });

  it("refuses a link as a session and a session as a link (key and iss differ)", async () => {
    const link = await signMemberToken("link", PUB, ALICE, opts);
    const session = await signMemberToken("session", PUB, ALICE, opts);
    expect((await refusal("session", link.token)).code).toBe("TOKEN_INVALID");
    expect((await refusal("link", session.token)).code).toBe("TOKEN_INVALID");
    // Even signed with the right key, the wrong iss is refused.
    const wrongIss = await signWith(memberKey("session", PUB, AUTH), { sub: ALICE, iss: "someone-else", aud: PUB, iat: T, exp: T + 600 });
    expect((await refusal("session", wrongIss)).message).toMatch(/iss/);
  });

  it("refuses a session living past 30 days, one without iat, one naming no customer id", async () => {
    const key = memberKey("session", PUB, AUTH);
    const base = { sub: ALICE, iss: MEMBER_SESSION_ISSUER, aud: PUB, iat: T };
    expect((await refusal("session", await signWith(key, { ...base, exp: T + 31 * 86400 }))).message).toMatch(/too long/);
    expect((await refusal("session", await signWith(key, { ...base, iat: undefined, exp: T + 600 }))).message).toMatch(/iat/);
    expect((await refusal("session", await signWith(key, { ...base, sub: "alice@example.com", exp: T + 600 }))).message).toMatch(/no customer/);
  });

  it("a store token never passes as a member session, nor a member session as a store token", async () => {
    const secret = generateWidgetSecret();
    const store = await signWith(secret, { sub: ALICE, iss: MEMBER_SESSION_ISSUER, aud: PUB, iat: T, exp: T + 600 });
    expect((await refusal("session", store)).code).toBe("TOKEN_INVALID");
    const { token } = await signMemberToken("session", PUB, ALICE, opts);
    const keys = { secret, previousSecret: null, previousSecretExpiresAt: null };
    expect(await verifyCustomerToken(token, keys, PUB, NOW).then(() => "accepted", (e: AppError) => e.code)).toBe("TOKEN_INVALID");
  });
});
