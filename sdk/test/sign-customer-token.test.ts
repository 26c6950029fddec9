// The SDK's customer token is one the widget API accepts (checked by the server's own verifier,
// with the secret and a rotated-out one), names the customer, and can't be made to outlive a day.
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { verifyCustomerToken } from "../../server/widget/verify-customer-token";
import { generateWidgetSecret } from "../../server/widget/widget-secret";
import { signCustomerToken } from "../src/index";

const PUBLIC_ID = `pub_${"a".repeat(32)}`;

describe("signCustomerToken", () => {
  it("signs an HS256 token the widget verifies, naming the customer and expiring as asked", async () => {
    const secret = generateWidgetSecret();
    const before = Date.now();
    const token = await signCustomerToken({ secret, customer: " ann@example.com ", expiresInSeconds: 600, audience: PUBLIC_ID });
    expect(decodeProtectedHeader(token).alg).toBe("HS256");
    const verified = await verifyCustomerToken(token, { secret, previousSecret: null, previousSecretExpiresAt: null }, PUBLIC_ID);
    expect(verified.customer).toBe("ann@example.com");
    expect(Math.abs(verified.expiresAt.getTime() - (before + 600_000))).toBeLessThan(5_000);
    // Another business's widget, or another secret, refuses it.
    await expect(verifyCustomerToken(token, { secret, previousSecret: null, previousSecretExpiresAt: null }, `pub_${"b".repeat(32)}`)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    await expect(verifyCustomerToken(token, { secret: generateWidgetSecret(), previousSecret: null, previousSecretExpiresAt: null }, PUBLIC_ID)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
  });

  it("defaults to an hour and refuses a lifetime past 24 hours, a missing secret or customer", async () => {
    const secret = generateWidgetSecret();
    const verified = await verifyCustomerToken(await signCustomerToken({ secret, customer: "C-1" }), { secret, previousSecret: null, previousSecretExpiresAt: null }, PUBLIC_ID);
    expect(Math.round((verified.expiresAt.getTime() - Date.now()) / 60_000)).toBe(60);
    await expect(signCustomerToken({ secret, customer: "C-1", expiresInSeconds: 24 * 3600 + 1 })).rejects.toThrow(RangeError);
    await expect(signCustomerToken({ secret, customer: "C-1", expiresInSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(signCustomerToken({ secret: "", customer: "C-1" })).rejects.toThrow(TypeError);
    await expect(signCustomerToken({ secret, customer: "  " })).rejects.toThrow(TypeError);
  });
});
