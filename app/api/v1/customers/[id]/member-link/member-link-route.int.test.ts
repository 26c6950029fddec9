// Sign-in links to the member page from the public API, and their exchange for a member
// session on the page; this file's process has no SMTP, so signing in by email is unavailable.
import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/widget/v1/[publicId]/me/route";
import { POST as codeRoute } from "@/app/api/widget/v1/[publicId]/member/code/route";
import { POST as sessionRoute } from "@/app/api/widget/v1/[publicId]/member/session/route";
import { cliActor } from "@/server/actors/actor";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { insertCustomer } from "@/server/customers/resolve-customer";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { signMemberToken } from "@/server/widget/member-token";
import { updateWidgetSettings } from "@/server/widget/manage-widget-settings";
import { call, createKey } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { customerToken, widgetBusiness, widgetCall } from "@/test/widget-fixtures";
import { POST as memberLink } from "./route";

const OURS = "http://localhost";

async function shop() {
  const s = await widgetBusiness();
  const { key } = await createKey(s.business.id, { scopes: ["points:write"] });
  const alice = (await insertCustomer(db, s.business.id, { externalId: "alice-1", email: "alice@example.com" }))!;
  await awardPoints(db, s.actor, { customerId: alice.id, amount: 175 });
  return { ...s, key, alice };
}

const exchange = (publicId: string, link: string) => widgetCall("POST", sessionRoute, { publicId, origin: OURS, body: { link } });
const linkToken = (url: string) => new URL(url).hash.replace(/^#link=/, "");

describe("POST /api/v1/customers/{id}/member-link", () => {
  securityCases({
    method: "POST",
    handler: memberLink,
    scope: "points:write",
    request: () => ({ params: { id: crypto.randomUUID() }, body: {} }),
    foreign: async (owner) => {
      const customer = (await insertCustomer(db, owner.id, { email: "owned@example.com" }))!;
      return { params: { id: customer.id }, body: {} };
    },
  });

  it("answers a member page URL whose #link= opens a session showing the customer's balance", async () => {
    const s = await shop();
    const r = await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body: { expiresInMinutes: 30 } });
    expect(r.status).toBe(201);
    const url = new URL(r.data.url as string);
    expect(url.pathname).toBe(`/m/${s.publicId}`);
    expect(url.search).toBe("");
    // No personal data in the token: it names the customer by our id.
    const payload = JSON.parse(Buffer.from(linkToken(url.href).split(".")[1]!, "base64url").toString());
    expect(payload).toMatchObject({ sub: s.alice.id, aud: s.publicId, iss: "loyalty-ledger:member-link" });
    expect(JSON.stringify(payload)).not.toMatch(/alice/);
    const minutes = (new Date(r.data.expiresAt as string).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const session = await exchange(s.publicId, linkToken(r.data.url as string));
    expect(session.status).toBe(201);
    // Whoever opens it acts as the customer: its making is audited.
    const audit = await db.auditLog.findMany({ where: { businessId: s.business.id, action: "customer.member_link_created" } });
    expect(audit).toMatchObject([{ targetType: "customer", targetId: s.alice.id, actorType: "API_KEY" }]);
    const balance = await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token: session.data.token as string });
    expect([balance.status, balance.data.balance]).toEqual([200, 175]);
  });

  it("refuses more than 24 hours and a widget that is off; a customer known only by phone gets a link", async () => {
    const s = await shop();
    const long = await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body: { expiresInMinutes: 1441 } });
    expect([long.status, long.json.code]).toEqual([400, "VALIDATION_ERROR"]);
    const phoneOnly = (await insertCustomer(db, s.business.id, { phone: "+15550100999" }))!;
    await awardPoints(db, s.actor, { customerId: phoneOnly.id, amount: 33 });
    const byPhone = await call("POST", memberLink, { key: s.key, params: { id: phoneOnly.id }, body: {} });
    expect(byPhone.status).toBe(201);
    const session = await exchange(s.publicId, linkToken(byPhone.data.url as string));
    const mine = await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token: session.data.token as string });
    expect([mine.status, mine.data.balance]).toEqual([200, 33]);
    await updateWidgetSettings(db, cliActor(s.business.id), { enabled: false });
    const off = await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body: {} });
    expect([off.status, off.json.code]).toEqual([409, "CONFLICT"]);
  });

  it("a malformed or unexpected body is a 400 and makes no link", async () => {
    const s = await shop();
    for (const body of [{ expiresInMinutes: "60" }, { expiresInMinutes: 1.5 }, { expiresInMinutes: 0 }, { expiresInMinutes: 60, url: "https://evil.example" }]) {
      const bad = await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body });
      expect([bad.status, bad.json.code], JSON.stringify(body)).toEqual([400, "VALIDATION_ERROR"]);
    }
    expect(await db.memberLink.count({ where: { businessId: s.business.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { businessId: s.business.id, action: "customer.member_link_created" } })).toBe(0);
  });

  it("works for a business that never made a widget secret", async () => {
    const { business } = await makeBusiness();
    await updateWidgetSettings(db, cliActor(business.id), { enabled: true });
    const { key } = await createKey(business.id);
    const bob = (await insertCustomer(db, business.id, { email: "bob@example.com" }))!;
    const r = await call("POST", memberLink, { key, params: { id: bob.id }, body: {} });
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: business.id } });
    const session = await exchange(publicId, linkToken(r.data.url as string));
    const mine = await widgetCall("GET", me, { publicId, origin: OURS, token: session.data.token as string });
    expect([mine.status, mine.data.member]).toEqual([200, true]);
  });
});

describe("member page: link exchange and sessions", () => {
  it("refuses an expired link, a forged one, another business's, and a link used as a session", async () => {
    const s = await shop();
    const other = await widgetBusiness();
    const expired = await signMemberToken("link", s.publicId, s.alice.id, { now: new Date(Date.now() - 2 * 86_400_000) });
    const e = await exchange(s.publicId, expired.token);
    expect([e.status, e.json.code, e.json.error]).toEqual([401, "TOKEN_EXPIRED", expect.stringMatching(/expired/)]);
    const forged = await customerToken(s.secret, "alice-1", { claims: { iss: "loyalty-ledger:member-link", aud: s.publicId } });
    expect((await exchange(s.publicId, forged)).json.code).toBe("TOKEN_INVALID");
    const foreign = await signMemberToken("link", other.publicId, s.alice.id);
    expect((await exchange(s.publicId, foreign.token)).json.code).toBe("TOKEN_INVALID");
    const link = await signMemberToken("link", s.publicId, s.alice.id);
    const asBearer = await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token: link.token });
    expect([asBearer.status, asBearer.json.code]).toEqual([401, "TOKEN_INVALID"]);
  });

  it("a session of a customer erased since is refused as TOKEN_INVALID; a changed email keeps it working", async () => {
    const s = await shop();
    const { token } = await signMemberToken("session", s.publicId, s.alice.id);
    await db.customer.update({ where: { businessId_id: { businessId: s.business.id, id: s.alice.id } }, data: { externalId: null, email: "alice.new@example.com" } });
    expect((await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token })).data.balance).toBe(175);
    await eraseCustomer(db, s.actor, { id: s.alice.id });
    const r = await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token });
    expect([r.status, r.json.code]).toEqual([401, "TOKEN_INVALID"]);
  });

  it("a session reads its own customer by id, even when their email is another customer's external id", async () => {
    const s = await shop();
    const xavier = (await insertCustomer(db, s.business.id, { email: "x@example.com" }))!;
    const yvonne = (await insertCustomer(db, s.business.id, { externalId: "x@example.com" }))!;
    await awardPoints(db, s.actor, { customerId: xavier.id, amount: 10 });
    await awardPoints(db, s.actor, { customerId: yvonne.id, amount: 990 });
    const { token } = await signMemberToken("session", s.publicId, xavier.id);
    const r = await widgetCall("GET", me, { publicId: s.publicId, origin: OURS, token });
    expect([r.status, r.data.balance]).toEqual([200, 10]);
  });

  it("a link of a customer erased since makes no session", async () => {
    const s = await shop();
    const made = await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body: {} });
    await eraseCustomer(db, s.actor, { id: s.alice.id });
    const r = await exchange(s.publicId, linkToken(made.data.url as string));
    expect([r.status, r.json.code, r.json.error]).toEqual([401, "TOKEN_INVALID", expect.stringMatching(/names nobody/)]);
  });

  it("a link signs in once: opened twice, or twice at the same moment, it makes one session", async () => {
    const s = await shop();
    const first = linkToken((await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body: {} })).data.url as string);
    expect((await exchange(s.publicId, first)).status).toBe(201);
    const again = await exchange(s.publicId, first);
    expect([again.status, again.json.code, again.json.error]).toEqual([401, "TOKEN_INVALID", expect.stringMatching(/already been used/)]);
    const second = linkToken((await call("POST", memberLink, { key: s.key, params: { id: s.alice.id }, body: {} })).data.url as string);
    const racing = await Promise.all([exchange(s.publicId, second), exchange(s.publicId, second), exchange(s.publicId, second)]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 401, 401]);
    expect(await db.memberLink.count({ where: { businessId: s.business.id, customerId: s.alice.id, usedAt: { not: null } } })).toBe(2);
    // A link the shop made by hand, never recorded (no jti), signs nobody in.
    const unrecorded = await signMemberToken("link", s.publicId, s.alice.id);
    expect((await exchange(s.publicId, unrecorded.token)).json.code).toBe("TOKEN_INVALID");
  });

  it("a store's own token still works next to member sessions", async () => {
    const s = await shop();
    const r = await widgetCall("GET", me, { publicId: s.publicId, token: await customerToken(s.secret, "alice-1") });
    expect([r.status, r.data.balance]).toEqual([200, 175]);
  });

  it("without SMTP, asking for a code is a 409 EMAIL_SIGN_IN_UNAVAILABLE and keeps nothing", async () => {
    const s = await shop();
    const r = await widgetCall("POST", codeRoute, { publicId: s.publicId, origin: OURS, body: { email: "alice@example.com" } });
    expect([r.status, r.json.code, r.json.error]).toEqual([409, "EMAIL_SIGN_IN_UNAVAILABLE", expect.stringMatching(/ask the shop for a sign-in link/)]);
    expect(await db.memberCode.count({ where: { businessId: s.business.id } })).toBe(0);
  });
});
