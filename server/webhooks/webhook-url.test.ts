import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { checkWebhookUrl, normalizeWebhookUrl, webhookUrlProblem, webhookUrlWithoutQuery } from "./webhook-url";

const GUARD_ON = { allowPrivate: false };
const GUARD_OFF = { allowPrivate: true };

// Every spelling the issue names, plus neighbours: each must be refused with the guard on.
const PRIVATE_SPELLINGS = [
  "http://2130706433/", // decimal 127.0.0.1 (also http)
  "https://2130706433/",
  "https://0177.0.0.1/", // octal
  "https://0x7f.0.0.1/", // hex
  "https://0x7f000001/",
  "https://127.1/", // short form
  "https://[::ffff:127.0.0.1]/", // IPv4-mapped IPv6
  "https://[::127.0.0.1]/", // IPv4-compatible IPv6 (::7f00:1)
  "https://[::ffff:a9fe:a9fe]/", // mapped 169.254.169.254
  "https://[::1]/",
  "https://[::]/",
  "https://localhost/",
  "https://localhost./",
  "https://api.localhost/",
  "https://127.0.0.1./",
  "https://169.254.169.254/latest/meta-data",
  "https://metadata.google.internal/",
  "https://metadata.google.internal./computeMetadata/v1/",
  "https://[fd00:ec2::254]/",
  "https://100.100.100.200/",
  "https://10.0.0.1/",
  "https://192.168.1.1/",
  "https://172.16.0.1/",
  "https://[fe80::1]/",
  "https://224.0.0.1/",
  "https://255.255.255.255/",
  "https://0.0.0.0/",
  "https://[64:ff9b::7f00:1]/", // NAT64 wrapping 127.0.0.1
  "https://127.0.0.1.nip.io/",
  "https://app.192.168.1.1.nip.io/",
  "https://10-0-0-1.sslip.io/",
  "https://magic-127-0-0-1.sslip.io/",
  "https://7f000001.nip.io/",
  "https://0x7f000001.nip.io/",
  "https://--1.sslip.io/", // sslip.io's ::1
  "https://intranet/",
  "https://intranet./",
  "https://printer.local/",
  "https://nas.home.arpa/",
  "https://db.localdomain/",
];

describe("webhookUrlProblem", () => {
  it.each(PRIVATE_SPELLINGS)("refuses %s with the guard on", (url) => {
    expect(webhookUrlProblem(url, GUARD_ON)).toMatch(/private address|local name|https:\/\//);
  });

  it.each(PRIVATE_SPELLINGS)("allows %s with WEBHOOK_ALLOW_PRIVATE_URLS", (url) => {
    expect(webhookUrlProblem(url, GUARD_OFF)).toBeNull();
  });

  it("says which address a spelling stands for", () => {
    expect(webhookUrlProblem("https://0x7f.1/", GUARD_ON)).toBe("points to a private address (127.0.0.1); webhooks can only go to public addresses");
    expect(webhookUrlProblem("https://[::ffff:127.0.0.1]/", GUARD_ON)).toContain("(127.0.0.1)");
    expect(webhookUrlProblem("https://10-0-0-5.sslip.io/", GUARD_ON)).toContain("(10.0.0.5)");
  });

  it("refuses plain http unless private URLs are allowed", () => {
    expect(webhookUrlProblem("http://example.com/hook", GUARD_ON)).toBe("must be an https:// URL");
    expect(webhookUrlProblem("http://example.com/hook", GUARD_OFF)).toBeNull();
  });

  it("refuses credentials, other schemes and garbage whatever the setting", () => {
    for (const policy of [GUARD_ON, GUARD_OFF]) {
      expect(webhookUrlProblem("https://user:pw@example.com/", policy)).toMatch(/user name or password/);
      expect(webhookUrlProblem("ftp://example.com/", policy)).toBe("must be an https:// URL");
      expect(webhookUrlProblem("file:///etc/passwd", policy)).toBe("must be an https:// URL");
      expect(webhookUrlProblem("not a url", policy)).toMatch(/not a valid absolute URL/);
    }
  });

  it("allows public names and addresses, including ones that merely look similar", () => {
    for (const url of [
      "https://example.com/hooks?x=1#frag",
      "https://8.8.8.8/",
      "https://[2606:4700::1111]/",
      "https://1.2.3.4.nip.io/", // a public address inside the name
      "https://deadbeef.example.com/", // 222.173.190.239: public
      "https://localhost.evil.example/",
      "https://hooks.internal-tools.example.com/",
      "https://v1-0-0-1.example.com/",
      "https://example.com./",
    ]) {
      expect(webhookUrlProblem(url, GUARD_ON), url).toBeNull();
    }
  });
});

describe("normalizeWebhookUrl and webhookUrlWithoutQuery", () => {
  it("keeps the WHATWG form without the fragment", () => {
    expect(normalizeWebhookUrl(" https://Example.COM:443/a/../hooks?x=1#frag ")).toBe("https://example.com/hooks?x=1");
    expect(normalizeWebhookUrl("http://2130706433/")).toBe("http://127.0.0.1/");
    // Audit records leave the query (a receiver's token, perhaps) out:
    expect(webhookUrlWithoutQuery("https://example.com:8443/hooks?token=secret#f")).toBe("https://example.com:8443/hooks");
  });
});

describe("checkWebhookUrl", () => {
  const resolvesTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address }));
  const failsWith = (code: string) => async () => Promise.reject(Object.assign(new Error(code), { code }));

  it("returns the normalised URL when every address is public", async () => {
    await expect(checkWebhookUrl("https://example.com/hooks?x=1#frag", { ...GUARD_ON, lookup: resolvesTo("93.184.215.14") })).resolves.toBe(
      "https://example.com/hooks?x=1",
    );
  });

  it("refuses a name when any address it resolves to is private", async () => {
    const error = await checkWebhookUrl("https://hooks.example.com/", { ...GUARD_ON, lookup: resolvesTo("93.184.215.14", "10.0.0.5") }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "VALIDATION_ERROR" });
    expect(error.message).toBe(
      "The webhook URL's host hooks.example.com resolves to a private address (10.0.0.5); webhooks can only go to public addresses.",
    );
    await expect(checkWebhookUrl("https://hooks.example.com/", { ...GUARD_ON, lookup: resolvesTo("::ffff:169.254.169.254") })).rejects.toThrow(
      "(169.254.169.254)",
    );
  });

  it("accepts a name that does not resolve yet: the send-time check covers it", async () => {
    await expect(checkWebhookUrl("https://not-yet.example.com/", { ...GUARD_ON, lookup: failsWith("ENOTFOUND") })).resolves.toBe(
      "https://not-yet.example.com/",
    );
  });

  it("refuses what the synchronous check refuses, as a sentence", async () => {
    await expect(checkWebhookUrl("https://127.1/", GUARD_ON)).rejects.toThrow(
      "The webhook URL points to a private address (127.0.0.1); webhooks can only go to public addresses.",
    );
    await expect(checkWebhookUrl("http://example.com/", GUARD_ON)).rejects.toThrow("The webhook URL must be an https:// URL.");
  });

  it("skips DNS and allows private addresses with WEBHOOK_ALLOW_PRIVATE_URLS", async () => {
    const lookup = async () => {
      throw new Error("must not be called");
    };
    await expect(checkWebhookUrl("http://localhost:4000/hook#x", { ...GUARD_OFF, lookup })).resolves.toBe("http://localhost:4000/hook");
  });
});
