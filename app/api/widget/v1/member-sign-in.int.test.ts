// Signing in on the member page by emailed code, with SMTP pointed at a sink: what is mailed,
// what is kept (only a hash), and every way a code is refused, checked on the member_codes rows.
import { afterAll, describe, expect, it, vi } from "vitest";
import { insertCustomer } from "@/server/customers/resolve-customer";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { awardPoints } from "@/server/ledger";
import { MAX_CODE_ATTEMPTS, MAX_CODES_PER_WINDOW, MAX_FAILURES_PER_WINDOW } from "@/server/widget/member-code-hash";
import { CODES_PER_EMAIL_PER_MINUTE, issueMemberCode } from "@/server/widget/member-code-request";
import { findWidget } from "@/server/widget/find-widget";
import { startSmtpSink } from "@/test/smtp-sink";
import { widgetBusiness, widgetCall } from "@/test/widget-fixtures";
import { GET as me } from "./[publicId]/me/route";
import { POST as codeRoute } from "./[publicId]/member/code/route";
import { POST as sessionRoute } from "./[publicId]/member/session/route";

const sink = await startSmtpSink();
// Before the first env() of this test file's process (settings are read once).
process.env.SMTP_URL = sink.url;
afterAll(() => sink.close());

// Our own origin: the test requests' URL is http://localhost.
const OURS = "http://localhost";

async function shop() {
  const s = await widgetBusiness();
  const email = `alice-${s.publicId.slice(4, 12)}@example.com`;
  const alice = (await insertCustomer(db, s.business.id, { email }))!;
  await awardPoints(db, s.actor, { customerId: alice.id, amount: 240 });
  return { ...s, email, alice };
}

const askCode = (publicId: string, email: string, origin: string | null = OURS) => widgetCall("POST", codeRoute, { publicId, origin, body: { email } });
const signIn = (publicId: string, body: Record<string, string>) => widgetCall("POST", sessionRoute, { publicId, origin: OURS, body });
const codes = (businessId: string) => db.memberCode.findMany({ where: { businessId } });
const mailsTo = (email: string) => sink.mails.filter((m) => m.to.includes(email));
// The code in the nth mail to `email` (quoted-printable soft breaks joined), once it arrived:
// the route answers without waiting for the mail server (its time must not tell members apart).
async function mailedCode(email: string, nth = 1): Promise<string> {
  await vi.waitFor(() => expect(mailsTo(email).length).toBeGreaterThanOrEqual(nth), { timeout: 15_000, interval: 20 });
  const text = mailsTo(email)[nth - 1]!.data.replace(/=\n/g, "");
  return /is (\d{6})\./.exec(text)![1]!;
}

describe("member page: sign-in by emailed code", () => {
  it("mails a code to a customer and keeps only its hash; an unknown email gets the same answer and no mail", async () => {
    expect(env().SMTP_URL).toBe(sink.url);
    const s = await shop();
    const known = await askCode(s.publicId, s.email.toUpperCase());
    const unknown = await askCode(s.publicId, `nobody-${s.publicId}@example.com`);
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(unknown.json).toEqual(known.json);
    const code = await mailedCode(s.email);
    expect(mailsTo(`nobody-${s.publicId}@example.com`)).toHaveLength(0);
    expect(mailsTo(s.email)).toHaveLength(1);
    const rows = await codes(s.business.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customerId: s.alice.id, attempts: 0, usedAt: null });
    expect(rows[0]!.codeHash).not.toContain(code);
    const lifetime = rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime();
    expect(lifetime).toBe(10 * 60 * 1000);
  });

  it("the right code answers a 30-day session the widget API accepts, once", async () => {
    const s = await shop();
    await askCode(s.publicId, s.email);
    const code = await mailedCode(s.email);
    const r = await signIn(s.publicId, { email: s.email, code });
    expect(r.status).toBe(201);
    const days = (new Date(r.data.expiresAt as string).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await codes(s.business.id))[0]!.usedAt).not.toBeNull();
    const balance = await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token: r.data.token as string });
    expect([balance.status, balance.data.balance]).toEqual([200, 240]);
    const again = await signIn(s.publicId, { email: s.email, code });
    expect([again.status, again.json.code]).toEqual([401, "MEMBER_CODE_INVALID"]);
  });

  it("counts wrong codes and voids the code after too many, even for the right one next", async () => {
    const s = await shop();
    await askCode(s.publicId, s.email);
    const code = await mailedCode(s.email);
    const wrong = code === "000000" ? "000001" : "000000";
    const first = await signIn(s.publicId, { email: s.email, code: wrong });
    expect([first.status, first.json.code]).toEqual([401, "MEMBER_CODE_INVALID"]);
    expect((await codes(s.business.id))[0]!.attempts).toBe(1);
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++) await signIn(s.publicId, { email: s.email, code: wrong });
    const right = await signIn(s.publicId, { email: s.email, code });
    expect([right.status, right.json.code]).toEqual([401, "MEMBER_CODE_INVALID"]);
    expect(await codes(s.business.id)).toMatchObject([{ attempts: MAX_CODE_ATTEMPTS, usedAt: null }]);
  });

  it("refuses an expired code, and a replaced one; one live code per customer", async () => {
    const s = await shop();
    await askCode(s.publicId, s.email);
    const old = await mailedCode(s.email);
    await db.memberCode.updateMany({ where: { businessId: s.business.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await signIn(s.publicId, { email: s.email, code: old });
    expect([expired.status, expired.json.code]).toEqual([401, "MEMBER_CODE_INVALID"]);
    await askCode(s.publicId, s.email);
    const fresh = await mailedCode(s.email, 2);
    expect(await codes(s.business.id)).toHaveLength(1);
    if (fresh !== old) expect((await signIn(s.publicId, { email: s.email, code: old })).status).toBe(401);
    expect((await signIn(s.publicId, { email: s.email, code: fresh })).status).toBe(201);
  });

  it("an unknown email's sign-in is refused like a wrong code", async () => {
    const s = await shop();
    const r = await signIn(s.publicId, { email: `nobody-${s.publicId}@example.com`, code: "123456" });
    expect([r.status, r.json.code]).toEqual([401, "MEMBER_CODE_INVALID"]);
    expect(await codes(s.business.id)).toHaveLength(0);
    // Malformed bodies are a 400 with a sentence, never a 500.
    for (const body of [{ email: s.email, code: "12ab56" }, { email: s.email }, { link: "x", email: s.email, code: "123456" }, { email: s.email, code: "123456", extra: 1 }]) {
      const bad = await widgetCall("POST", sessionRoute, { publicId: s.publicId, origin: OURS, body });
      expect([bad.status, bad.json.code], JSON.stringify(body)).toEqual([400, "VALIDATION_ERROR"]);
    }
  });

  it("keeps businesses apart: B's code and session don't work at A, and A's code is A's", async () => {
    const a = await shop();
    const b = await widgetBusiness();
    await insertCustomer(db, b.business.id, { email: a.email });
    await askCode(b.publicId, a.email);
    const bCode = await mailedCode(a.email);
    const atA = await signIn(a.publicId, { email: a.email, code: bCode });
    expect([atA.status, atA.json.code]).toEqual([401, "MEMBER_CODE_INVALID"]);
    expect(await codes(a.business.id)).toHaveLength(0);
    const bSession = await signIn(b.publicId, { email: a.email, code: bCode });
    expect(bSession.status).toBe(201);
    const cross = await widgetCall("GET", me, { publicId: a.publicId, origin: OURS, token: bSession.data.token as string });
    expect([cross.status, cross.json.code]).toEqual([401, "TOKEN_INVALID"]);
  });

  it("a malformed, oversized or unexpected code request is a 400 with a sentence, and stores and mails nothing", async () => {
    const s = await shop();
    for (const body of [{}, { email: "not an email" }, { email: `${"a".repeat(250)}@example.com` }, { email: s.email, extra: 1 }, { email: 42 }]) {
      const bad = await widgetCall("POST", codeRoute, { publicId: s.publicId, origin: OURS, body });
      expect([bad.status, bad.json.code, typeof bad.json.error], JSON.stringify(body).slice(0, 80)).toEqual([400, "VALIDATION_ERROR", "string"]);
    }
    expect(await codes(s.business.id)).toHaveLength(0);
    expect(mailsTo(s.email)).toHaveLength(0);
  });

  it("refuses pages on other origins, even one the business allowed, and mails nothing", async () => {
    const s = await shop();
    const r = await askCode(s.publicId, s.email, "https://shop.example");
    expect([r.status, r.json.code]).toEqual([403, "ORIGIN_NOT_ALLOWED"]);
    expect(await codes(s.business.id)).toHaveLength(0);
    expect(mailsTo(s.email)).toHaveLength(0);
  });

  it("limits the codes mailed to one address per minute", async () => {
    const s = await shop();
    for (let i = 0; i < CODES_PER_EMAIL_PER_MINUTE; i++) expect((await askCode(s.publicId, s.email)).status).toBe(202);
    const over = await askCode(s.publicId, s.email);
    expect([over.status, over.json.code]).toEqual([429, "RATE_LIMITED"]);
    await mailedCode(s.email, CODES_PER_EMAIL_PER_MINUTE);
    expect(mailsTo(s.email)).toHaveLength(CODES_PER_EMAIL_PER_MINUTE);
  });

  it("a day's allowance: new codes keep the wrong tries counted, and past the day's tries or codes nothing gets in or out", async () => {
    const s = await shop();
    const widget = await findWidget(db, s.publicId);
    const sent: string[] = [];
    const send = async (mail: { text: string }) => (sent.push(/is (\d{6})\./.exec(mail.text)![1]!), true);
    const issue = () => issueMemberCode(db, widget, { customerId: s.alice.id, email: s.email, send });
    const wrong = (code: string) => signIn(s.publicId, { email: s.email, code: code === "000000" ? "000001" : "000000" });
    // Five codes, each tried wrongly four times (one short of voiding it): twenty wrong tries.
    const perCode = MAX_CODE_ATTEMPTS - 1;
    for (let i = 0; i < MAX_FAILURES_PER_WINDOW / perCode; i++) {
      expect(await issue()).toBe(true);
      for (let t = 0; t < perCode; t++) expect((await wrong(sent.at(-1)!)).status).toBe(401);
    }
    expect(await codes(s.business.id)).toMatchObject([{ windowCodes: 5, windowFailures: MAX_FAILURES_PER_WINDOW, attempts: perCode }]);
    // The day's tries are spent: the last code, one try short of its own limit, no longer works
    // even when right, and no new code is mailed.
    expect((await signIn(s.publicId, { email: s.email, code: sent.at(-1)! })).status).toBe(401);
    expect(await issue()).toBe(false);
    expect(sent).toHaveLength(5);
    // A day later the allowance starts again; past the day's codes, none is mailed.
    await db.memberCode.updateMany({ where: { businessId: s.business.id }, data: { windowStartedAt: new Date(Date.now() - 86_400_001) } });
    for (let i = 0; i < MAX_CODES_PER_WINDOW; i++) expect(await issue()).toBe(true);
    expect(await issue()).toBe(false);
    expect(sent).toHaveLength(5 + MAX_CODES_PER_WINDOW);
    expect(await codes(s.business.id)).toMatchObject([{ windowCodes: MAX_CODES_PER_WINDOW, windowFailures: 0 }]);
    expect((await signIn(s.publicId, { email: s.email, code: sent.at(-1)! })).status).toBe(201);
  });

  it("wrong guesses sent at once count five against the code and then find it void; code requests sent at once mail no more than the day's ten", async () => {
    const s = await shop();
    const widget = await findWidget(db, s.publicId);
    const sent: string[] = [];
    const send = async (mail: { text: string }) => (sent.push(/is (\d{6})\./.exec(mail.text)![1]!), true);
    const issue = () => issueMemberCode(db, widget, { customerId: s.alice.id, email: s.email, send });
    expect(await issue()).toBe(true);
    const wrongCode = sent[0] === "000000" ? "000001" : "000000";
    const burst = await Promise.all(Array.from({ length: 30 }, () => signIn(s.publicId, { email: s.email, code: wrongCode })));
    expect(burst.every((r) => r.status === 401)).toBe(true);
    // Only the code's five tries were checked; the rest found it void.
    expect(await codes(s.business.id)).toMatchObject([{ attempts: MAX_CODE_ATTEMPTS, windowFailures: MAX_CODE_ATTEMPTS }]);
    expect((await signIn(s.publicId, { email: s.email, code: sent[0]! })).status).toBe(401);

    await db.memberCode.updateMany({ where: { businessId: s.business.id }, data: { windowStartedAt: new Date(Date.now() - 86_400_001) } });
    const issued = await Promise.all(Array.from({ length: MAX_CODES_PER_WINDOW + 5 }, issue));
    expect(issued.filter(Boolean)).toHaveLength(MAX_CODES_PER_WINDOW);
    expect(await codes(s.business.id)).toMatchObject([{ windowCodes: MAX_CODES_PER_WINDOW, windowFailures: 0 }]);
  });
});
