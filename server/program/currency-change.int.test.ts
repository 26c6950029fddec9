// A business's currency is checked against the ISO 4217 list when it changes, not on every save:
// one stored before the list existed (or that an older ICU lacked) doesn't lock its settings.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { makePortalBusiness } from "../trpc/portal-fixtures";
import { getProgramSettings, updateProgramSettings } from "./program-settings";

describe("currency on save", () => {
  it("keeps a stored code the list lacks while other settings change, and refuses a new unknown one", async () => {
    const { business, ownerActor } = await makePortalBusiness("currency");
    await db.business.update({ where: { id: business.id }, data: { currency: "QQQ" } });
    const { id: _id, ...settings } = (await getProgramSettings(db, ownerActor)) as unknown as Record<string, unknown>;

    const saved = await updateProgramSettings(db, ownerActor, { ...(settings as Parameters<typeof updateProgramSettings>[2]), earnRate: 3 });
    expect(saved).toMatchObject({ currency: "QQQ", earnRate: 3 });

    await expect(updateProgramSettings(db, ownerActor, { ...(settings as Parameters<typeof updateProgramSettings>[2]), currency: "ZZZ" }))
      .rejects.toMatchObject({ code: "VALIDATION_ERROR", message: "Invalid request: currency: use an ISO 4217 currency code such as USD, EUR or GBP." });
    await expect(updateProgramSettings(db, ownerActor, { ...(settings as Parameters<typeof updateProgramSettings>[2]), earnRate: 3, currency: "eur" })).resolves.toMatchObject({ currency: "EUR" });
    expect(await db.business.findUniqueOrThrow({ where: { id: business.id }, select: { currency: true, earnRate: true } })).toEqual({ currency: "EUR", earnRate: 3 });
  });
});
