// The portal's live preview and member-page QR: the programme the widget would show, from the
// saved settings even while the widget is off, each owner seeing only their own business, and
// the member page's address with a QR code drawn here (no outside service).
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createReward } from "../rewards/manage-rewards";
import { callerFor, makePortalBusiness, trpcFailure } from "../trpc/portal-fixtures";

describe("widget preview (owner)", () => {
  it("shows the programme with the saved look and this business's rewards while the widget is off", async () => {
    const a = await makePortalBusiness("preview-a");
    const b = await makePortalBusiness("preview-b");
    await createReward(db, a.ownerActor, { title: "A free latte", pointsCost: 150 });
    await createReward(db, b.ownerActor, { title: "B secret reward", pointsCost: 50 });
    const owner = callerFor(a.owner);
    await owner.widget.update({ enabled: false, primaryColor: "#112233", launcherText: "Points!" });

    const preview = await owner.widget.preview();
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: a.business.id } });
    expect(preview.publicId).toBe(publicId);
    expect(preview.enabled).toBe(false);
    expect(preview.program.business.name).toBe(a.business.name);
    expect(preview.program.appearance).toEqual({ primaryColor: "#112233", launcherText: "Points!" });
    expect(preview.program.rewards.map((r) => r.title)).toEqual(["A free latte"]);

    // The other owner sees their own programme, never A's.
    const other = await callerFor(b.owner).widget.preview();
    expect(other.program.business.name).toBe(b.business.name);
    expect(other.program.rewards.map((r) => r.title)).toEqual(["B secret reward"]);
    expect(other.program.appearance).toEqual({ primaryColor: "#4f46e5", launcherText: "Rewards" });
  });

  it("is the owner's alone: staff are refused the preview and the member page's QR", async () => {
    const { staff } = await makePortalBusiness("preview-staff");
    expect((await trpcFailure(callerFor(staff).widget.preview())).code).toBe("FORBIDDEN");
    expect((await trpcFailure(callerFor(staff).widget.memberPage({}))).code).toBe("FORBIDDEN");
  });

  it("answers the member page's address on the portal's origin and a QR code of exactly that address", async () => {
    const { business, owner } = await makePortalBusiness("preview-qr");
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: business.id } });
    const page = await callerFor(owner).widget.memberPage({ origin: "https://loyalty.example/widget" });
    expect(page.businessName).toBe(business.name);
    expect(page.url).toBe(`https://loyalty.example/m/${publicId}`);
    expect(page.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(page.qrSvg).toMatch(/<path stroke="#000000" d="M[^"]{200,}"/);
    // The code is the address's own (the same library drawing it again agrees), not some other text.
    expect(page.qrSvg).toBe(await QRCode.toString(page.url, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#000000", light: "#ffffff" } }));
    expect(page.qrSvg).not.toBe(await QRCode.toString(`https://loyalty.example/m/pub_${"0".repeat(32)}`, { type: "svg", errorCorrectionLevel: "M", margin: 1 }));
  });
});
