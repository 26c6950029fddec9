// Seeds the widget e2e tests' world through the product's own functions: a business whose widget
// is on for STORE_ORIGIN, with a secret, rewards and referral points, two customers with points,
// and a second business (its own secret and customer) to forge and cross tokens with.
// Run by seed-portal.ts --serve for tags starting "widget-".
import { cliActor } from "../../server/actors/actor";
import type { Db } from "../../server/db/client";
import { awardPoints } from "../../server/ledger";
import { updateCustomer } from "../../server/customers/update-customer";
import { createReward } from "../../server/rewards/manage-rewards";
import { updateWidgetSettings } from "../../server/widget/manage-widget-settings";
import { rotateWidgetSecret } from "../../server/widget/rotate-widget-secret";
import { STORE_ORIGIN, type WidgetSeed } from "./store";

async function widgetShop(db: Db, tag: string, name: string) {
  const business = await db.business.create({
    data: { name, slug: `${tag}-${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`, currency: "EUR", referrerPoints: 100, refereePoints: 50, referralMinimumOrder: 2000 },
  });
  const actor = cliActor(business.id);
  await updateWidgetSettings(db, actor, { enabled: true, allowedOrigins: [STORE_ORIGIN], primaryColor: "#0f766e", launcherText: "Our rewards", shareUrl: `${STORE_ORIGIN}/join` });
  const { secret } = await rotateWidgetSecret(db, actor);
  return { id: business.id, publicId: business.publicId, actor, secret };
}

export async function seedWidget(db: Db, tag: string): Promise<WidgetSeed> {
  const shop = await widgetShop(db, tag, `Cafe ${tag}`);
  const other = await widgetShop(db, tag, `Other ${tag}`);
  const customer = async (actor: typeof shop.actor, externalId: string, name: string, amount: number) => {
    const award = await awardPoints(db, actor, { externalId, customerName: name, amount, description: "Welcome purchase" });
    return { externalId, name, balance: amount, id: award.transaction.customerId };
  };
  const alice = await customer(shop.actor, `alice-${tag}`, "Alice Martin", 340);
  const bob = await customer(shop.actor, `bob-${tag}`, "Bob Stone", 7777);
  const carol = await customer(other.actor, `carol-${tag}`, "Carol Other", 9191);
  // Blocked by the owner: can look, can't redeem.
  const dora = await customer(shop.actor, `dora-${tag}`, "Dora Blocked", 4321);
  await updateCustomer(db, shop.actor, { id: dora.id, status: "BLOCKED" });
  const reward = async (title: string, pointsCost: number) => {
    const r = await createReward(db, shop.actor, { title, pointsCost, couponMode: "GENERATED", couponPrefix: "CAFE-" });
    return { id: r.id, title, pointsCost };
  };
  const coffee = await reward("Free coffee", 100);
  const tote = await reward("Tote bag", 250);
  const bike = await reward("City bike", 50000);
  return { publicId: shop.publicId, secret: shop.secret, otherSecret: other.secret, otherPublicId: other.publicId, alice, bob, carol, dora, coffee, tote, bike };
}
