// The customer token's edge cases, against a fixed clock (jose is handed `now`), so nothing
// here depends on when or how fast it runs.
import { SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { verifyCustomerToken } from "./verify-customer-token";
import { generateWidgetSecret, type WidgetKeys } from "./widget-secret";

const NOW = new Date("2026-06-01T12:00:00Z");
const T = NOW.getTime() / 1000;
const SECRET = generateWidgetSecret();
const PUB = "pub_0123456789abcdef0123456789abcdef";
const keys: WidgetKeys = { secret: SECRET, previousSecret: null, previousSecretExpiresAt: null };

function sign(payload: JWTPayload, options: { secret?: string; alg?: string } = {}) {
  return new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? "HS256" }).sign(new TextEncoder().encode(options.secret ?? SECRET));
}

async function refusal(token: string, k: WidgetKeys = keys): Promise<AppError> {
  const error = await verifyCustomerToken(token, k, PUB, NOW).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("verifyCustomerToken", () => {
  it("accepts {customer, exp}, or sub for the customer, and an aud naming this business", async () => {
    expect(await verifyCustomerToken(await sign({ customer: " shop-42 ", exp: T + 600 }), keys, PUB, NOW)).toEqual({ customer: "shop-42", expiresAt: new Date((T + 600) * 1000) });
    expect((await verifyCustomerToken(await sign({ sub: "a@b.example", exp: T + 60, iat: T, aud: PUB }), keys, PUB, NOW)).customer).toBe("a@b.example");
  });

  it("tells an expired token apart from an invalid one, allowing a minute of clock skew", async () => {
    expect((await refusal(await sign({ customer: "c", exp: T - 61 }))).code).toBe("TOKEN_EXPIRED");
    expect((await verifyCustomerToken(await sign({ customer: "c", exp: T - 30 }), keys, PUB, NOW)).customer).toBe("c");
    // Expired and forged: the signature is checked first, so nothing is said about its claims.
    expect((await refusal(await sign({ customer: "c", exp: T - 3600 }, { secret: generateWidgetSecret() }))).code).toBe("TOKEN_INVALID");
  });

  it.each([
    ["no exp", { customer: "c" }, /exp/],
    ["a lifetime past 24 hours", { customer: "c", exp: T + 25 * 3600 }, /24 hours/],
    ["another business's aud", { customer: "c", exp: T + 60, aud: "pub_ffffffffffffffffffffffffffffffff" }, /another business/],
    ["no customer", { exp: T + 60 }, /names no customer/],
    ["an empty customer", { customer: "  ", exp: T + 60 }, /names no customer/],
    ["a customer that is no string", { customer: 42, exp: T + 60 }, /must be a string/],
    ["a not-before in the future", { customer: "c", exp: T + 600, nbf: T + 300 }, /nbf/],
  ])("refuses a token with %s as TOKEN_INVALID", async (_what, payload, message) => {
    const error = await refusal(await sign(payload as JWTPayload));
    expect(error.code).toBe("TOKEN_INVALID");
    expect(error.message).toMatch(message);
  });

  it("accepts only HS256 signed with this business's secret", async () => {
    expect((await refusal(await sign({ customer: "c", exp: T + 60 }, { alg: "HS512" }))).message).toMatch(/HS256/);
    expect((await refusal(await sign({ customer: "c", exp: T + 60 }, { secret: generateWidgetSecret() }))).message).toMatch(/signature/);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify({ customer: "c", exp: T + 60 })).toString("base64url")}.`;
    expect((await refusal(unsigned)).code).toBe("TOKEN_INVALID");
    for (const junk of ["", "abc", "a.b.c", "x".repeat(5000)]) expect((await refusal(junk)).code, junk.slice(0, 10)).toBe("TOKEN_INVALID");
  });

  it("accepts the previous secret until it expires, and nothing while the business has no secret", async () => {
    const old = generateWidgetSecret();
    const token = await sign({ customer: "c", exp: T + 60 }, { secret: old });
    const rotated = { secret: SECRET, previousSecret: old, previousSecretExpiresAt: new Date(NOW.getTime() + 1000) };
    expect((await verifyCustomerToken(token, rotated, PUB, NOW)).customer).toBe("c");
    expect((await refusal(token, { ...rotated, previousSecretExpiresAt: new Date(NOW.getTime() - 1000) })).code).toBe("TOKEN_INVALID");
    expect((await refusal(token, { secret: null, previousSecret: null, previousSecretExpiresAt: null })).message).toMatch(/no widget secret/);
  });
});
