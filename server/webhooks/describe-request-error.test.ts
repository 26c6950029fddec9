import { describe, expect, it } from "vitest";
import { describeRequestError, formatTimeout } from "./describe-request-error";

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("describeRequestError", () => {
  it("turns Node's and the filtering agent's errors into short sentences", () => {
    expect(describeRequestError(withCode("ENOTFOUND", "getaddrinfo ENOTFOUND hooks.example.com"))).toBe("DNS lookup failed");
    expect(describeRequestError(withCode("ECONNREFUSED"))).toBe("connection refused");
    expect(describeRequestError(withCode("CERT_HAS_EXPIRED"))).toBe("TLS handshake failed (CERT_HAS_EXPIRED)");
    expect(describeRequestError(new Error("socket hang up"))).toBe("connection closed before a response");
    expect(describeRequestError(new Error("DNS lookup 10.0.0.5(family:4, host:hooks.example.com) is not allowed. Because, It is private IP address."))).toBe(
      "address not allowed: 10.0.0.5 is private",
    );
    expect(describeRequestError(new Error("DNS lookup ::1(family:6, host:x) is not allowed. Because, It is private IP address."))).toBe(
      "address not allowed: ::1 is private",
    );
    expect(describeRequestError(new Error("DNS lookup 0.0.0.0(family:undefined, host:undefined) is not allowed. Because, It is meta IP address."))).toBe(
      "address not allowed: 0.0.0.0 is unspecified",
    );
    expect(describeRequestError("x".repeat(500))).toHaveLength(200);
  });

  it("writes timeouts the way people say them", () => {
    expect(formatTimeout(10_000)).toBe("10 s");
    expect(formatTimeout(2_500)).toBe("2.5 s");
    expect(formatTimeout(300)).toBe("300 ms");
  });
});
