// Tag "member-...": the member page's e2e (e2e/member). A business with its widget on and no
// widget secret (a shop without a website), a till's API key, one customer with points, and a
// sign-in link that expired yesterday (signed with the server's AUTH_SECRET, which this process
// shares through DATA_DIR).
import { createApiKey } from "../../server/api-keys/create-api-key";
import { randomPassword } from "../../server/accounts/one-time-token";
import { apiKeyActor, portalActor } from "../../server/actors/actor";
import { createBusiness } from "../../server/businesses/create-business";
import type { Db } from "../../server/db/client";
import { awardPoints } from "../../server/ledger";
import { updateWidgetSettings } from "../../server/widget/manage-widget-settings";
import { signMemberToken } from "../../server/widget/member-token";

export async function seedMember(db: Db, tag: string) {
  const { business, owner } = await createBusiness(db, { name: `Corner Bakery ${tag}`, slug: tag, ownerEmail: `owner-${tag}@e2e.test`, ownerPassword: randomPassword() });
  const ownerActor = portalActor({ ...owner, name: "Olive Owner" }, business.id);
  await updateWidgetSettings(db, ownerActor, { enabled: true });
  const { apiKey, key } = await createApiKey(db, ownerActor, { name: "Till" });
  const till = apiKeyActor({ id: apiKey.id, businessId: business.id }, { source: "POS", staffName: "Till 1" });
  const email = `member-${tag}@e2e.test`;
  const award = await awardPoints(db, till, { customerEmail: email, amount: 420, description: "Sourdough" });
  const { publicId } = await db.business.findUniqueOrThrow({ where: { id: business.id }, select: { publicId: true } });
  const customerId = award.transaction.customerId;
  const expired = await signMemberToken("link", publicId, customerId, { now: new Date(Date.now() - 2 * 86_400_000) });
  return { businessId: business.id, businessName: business.name, publicId, apiKey: key, customer: { id: customerId, email }, balance: 420, expiredLink: expired.token };
}
