import { describe, expect, it } from "vitest";
import { isHttps, limitKeyOf, looksLikeUntrustedProxy, parseTrustedProxies, resolveClientAddress } from "./resolve-client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8");

describe("resolveClientAddress", () => {
  it("is the socket address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", ["1.2.3.4", "5.6.7.8"], none)).toBe("203.0.113.9");
  });

  it("ignores a spoofed X-Forwarded-For from a socket that isn't a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.9", "10.0.0.1, 198.51.100.2", proxies)).toBe("203.0.113.9");
  });

  it("believes a trusted proxy: the right-most entry that is not itself a trusted proxy", () => {
    expect(resolveClientAddress("10.0.0.5", "198.51.100.2", proxies)).toBe("198.51.100.2");
    // The client wrote 6.6.6.6 itself; the proxies appended what they saw, from the right.
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 198.51.100.2, 192.168.1.7, 10.1.2.3", proxies)).toBe("198.51.100.2");
    expect(resolveClientAddress("10.0.0.5", ["6.6.6.6, 198.51.100.2", "10.1.2.3"], proxies)).toBe("198.51.100.2");
  });

  it("stops at the last address it can vouch for when a hop is not an address", () => {
    expect(resolveClientAddress("10.0.0.5", "198.51.100.2, not-an-ip", proxies)).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "0x7f.1", proxies)).toBe("10.0.0.5");
    // A trusted proxy with nothing forwarded is the client as far as we know.
    expect(resolveClientAddress("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
    // Every hop trusted: the left-most one is as far as the chain goes.
    expect(resolveClientAddress("10.0.0.5", "10.9.9.9, 10.1.1.1", proxies)).toBe("10.9.9.9");
  });

  it("reads IPv6 and IPv4-mapped IPv6 addresses as one client each", () => {
    expect(resolveClientAddress("::ffff:203.0.113.9", undefined, none)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:10.0.0.5", "2001:db8::1", proxies)).toBe("2001:db8::1");
    expect(resolveClientAddress("fd00::1", "[2001:db8:0:0::2]:443, fd12::9", proxies)).toBe("2001:db8::2");
    expect(resolveClientAddress("fd00::1", "198.51.100.2:5678", proxies)).toBe("198.51.100.2");
    expect(resolveClientAddress("2001:db8::7", "198.51.100.2", proxies)).toBe("2001:db8::7");
    // An IPv4-mapped CIDR in the setting trusts the IPv4 range.
    expect(resolveClientAddress("10.0.0.5", "198.51.100.2", parseTrustedProxies("::ffff:10.0.0.0/104"))).toBe("198.51.100.2");
  });

  it("says 'unknown' without a socket address", () => {
    expect(resolveClientAddress(undefined, "1.2.3.4", proxies)).toBe("unknown");
  });
});

describe("parseTrustedProxies", () => {
  it("refuses an entry that is not an address or CIDR", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow();
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow();
  });
});

describe("isHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(isHttps(false, "203.0.113.9", "https", proxies)).toBe(false);
    expect(isHttps(false, "10.0.0.5", "https", proxies)).toBe(true);
    expect(isHttps(false, "10.0.0.5", "https, http", proxies)).toBe(false);
    expect(isHttps(false, "10.0.0.5", undefined, proxies)).toBe(false);
    expect(isHttps(true, "203.0.113.9", undefined, none)).toBe(true);
  });
});

describe("limitKeyOf", () => {
  it("counts an IPv6 client by its /64, so rotating through the block gains nothing", () => {
    expect(limitKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
  });

  it("keeps an IPv4 address (mapped ones included, once resolved) and anything unparsable as it is", () => {
    expect(limitKeyOf("203.0.113.9")).toBe("203.0.113.9");
    expect(limitKeyOf(resolveClientAddress("::ffff:203.0.113.9", undefined, none))).toBe("203.0.113.9");
    expect(limitKeyOf("unknown")).toBe("unknown");
  });
});

describe("looksLikeUntrustedProxy", () => {
  it("is true for sockets on this machine or a private network, false for public ones", () => {
    for (const address of ["127.0.0.1", "::1", "10.1.2.3", "192.168.0.9", "172.16.5.5", "fd00::5", "::ffff:10.0.0.1"]) expect(looksLikeUntrustedProxy(address)).toBe(true);
    for (const address of ["203.0.113.9", "2001:4860::1", undefined]) expect(looksLikeUntrustedProxy(address)).toBe(false);
  });
});
