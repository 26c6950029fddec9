// Staff make a member page sign-in link for a customer of their own business (customers.memberLink).
import { describe, expect, it } from "vitest";
import { cliActor } from "../actors/actor";
import { insertCustomer } from "../customers/resolve-customer";
import { db } from "../db/client";
import { updateWidgetSettings } from "../widget/manage-widget-settings";
import { verifyMemberToken } from "../widget/member-token";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

describe("customers.memberLink", () => {
  it("gives staff a link on the portal's origin and its QR code for their customer; another business's staff and owner get none", async () => {
    const a = await makePortalBusiness("ml-a");
    const b = await makePortalBusiness("ml-b");
    await updateWidgetSettings(db, cliActor(a.business.id), { enabled: true });
    const ann = (await insertCustomer(db, a.business.id, { email: "ann@example.com" }))!;
    const link = await callerFor(a.staff).customers.memberLink({ id: ann.id, origin: "https://portal.example" });
    const url = new URL(link.url);
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: a.business.id } });
    expect(url.origin).toBe("https://portal.example");
    expect(url.pathname).toBe(`/m/${publicId}`);
    expect(link.qrSvg).toMatch(/^<svg[\s\S]*<path[^>]* d="M[^"]{200,}"/);
    expect((await verifyMemberToken("link", url.hash.replace("#link=", ""), publicId)).customerId).toBe(ann.id);
    expect((await trpcFailure(callerFor(b.owner).customers.memberLink({ id: ann.id }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(callerFor(b.staff).customers.memberLink({ id: ann.id }))).code).toBe("NOT_FOUND");
    // Made by staff, on the record.
    expect(await db.auditLog.count({ where: { businessId: a.business.id, action: "customer.member_link_created", targetId: ann.id, actorType: "USER" } })).toBe(1);
  });
});
