// "Sign out phones" (customers.endMemberSessions): the customer's member page sessions made
// before it are refused, their unused sign-in links withdrawn, a session made after works;
// staff may, another business may not; audited.
import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/widget/v1/[publicId]/me/route";
import { POST as sessionRoute } from "@/app/api/widget/v1/[publicId]/member/session/route";
import { widgetCall } from "@/test/widget-fixtures";
import { cliActor } from "../actors/actor";
import { insertCustomer } from "../customers/resolve-customer";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { updateWidgetSettings } from "../widget/manage-widget-settings";
import { signMemberToken } from "../widget/member-token";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

const OURS = "http://localhost";

describe("customers.endMemberSessions", () => {
  it("refuses the customer's earlier sessions and unused links, not later ones; staff only in their own business; audited", async () => {
    const a = await makePortalBusiness("ems-a");
    const b = await makePortalBusiness("ems-b");
    await updateWidgetSettings(db, cliActor(a.business.id), { enabled: true });
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: a.business.id } });
    const ann = (await insertCustomer(db, a.business.id, { email: "ann@example.com" }))!;
    const bob = (await insertCustomer(db, a.business.id, { email: "bob@example.com" }))!;
    await awardPoints(db, cliActor(a.business.id), { customerId: ann.id, amount: 70 });
    const hourAgo = new Date(Date.now() - 3_600_000);
    const annSession = (await signMemberToken("session", publicId, ann.id, { now: hourAgo })).token;
    const bobSession = (await signMemberToken("session", publicId, bob.id, { now: hourAgo })).token;
    const unopened = new URL((await callerFor(a.staff).customers.memberLink({ id: ann.id })).url).hash.replace("#link=", "");
    const balance = (token: string) => widgetCall("GET", me, { publicId, origin: OURS, token });
    expect((await balance(annSession)).data.balance).toBe(70);

    expect((await trpcFailure(callerFor(b.owner).customers.endMemberSessions({ id: ann.id }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(callerFor(a.staff).customers.endMemberSessions({ id: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
    expect((await balance(annSession)).status).toBe(200);
    const ended = await callerFor(a.staff).customers.endMemberSessions({ id: ann.id });
    expect(ended.linksWithdrawn).toBe(1);

    const refused = await balance(annSession);
    expect([refused.status, refused.json.code, refused.json.error]).toEqual([401, "TOKEN_INVALID", expect.stringMatching(/signed out by the shop/)]);
    expect((await widgetCall("POST", sessionRoute, { publicId, origin: OURS, body: { link: unopened } })).json.code).toBe("TOKEN_INVALID");
    // Another customer's session is untouched, and a sign-in after the end works.
    expect((await balance(bobSession)).status).toBe(200);
    const fresh = new URL((await callerFor(a.staff).customers.memberLink({ id: ann.id })).url).hash.replace("#link=", "");
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a session's iat is in whole seconds
    const session = await widgetCall("POST", sessionRoute, { publicId, origin: OURS, body: { link: fresh } });
    expect(session.status).toBe(201);
    expect((await balance(session.data.token as string)).data.balance).toBe(70);
    expect(await db.auditLog.count({ where: { businessId: a.business.id, action: "customer.member_sessions_ended", targetId: ann.id } })).toBe(1);
  });
});
