// Staff make a member page sign-in link for a customer of their own business (customers.memberLink).
import { describe, expect, it } from "vitest";
import { cliActor } from "../actors/actor";
import { insertCustomer } from "../customers/resolve-customer";
import { db } from "../db/client";
import { updateWidgetSettings } from "../widget/manage-widget-settings";
import { verifyMemberToken } from "../widget/member-token";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

describe("customers.memberLink", () => {
  it("gives staff a link for their customer, and none for another business's", async () => {
    const a = await makePortalBusiness("ml-a");
    const b = await makePortalBusiness("ml-b");
    await updateWidgetSettings(db, cliActor(a.business.id), { enabled: true });
    const ann = (await insertCustomer(db, a.business.id, { email: "ann@example.com" }))!;
    const link = await callerFor(a.staff).customers.memberLink({ id: ann.id, origin: "https://portal.example" });
    const url = new URL(link.url);
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: a.business.id } });
    expect(url.pathname).toBe(`/m/${publicId}`);
    expect((await verifyMemberToken("link", url.hash.replace("#link=", ""), publicId)).customerId).toBe(ann.id);
    expect((await trpcFailure(callerFor(b.owner).customers.memberLink({ id: ann.id }))).code).toBe("NOT_FOUND");
  });
});
