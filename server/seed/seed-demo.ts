// The demo business a fresh install starts with: an owner login, a handful of customers and a
// believable history, written through the same ledger functions the API uses.
import { createApiKey } from "../api-keys/create-api-key";
import { createBusiness } from "../businesses/create-business";
import type { Db } from "../db/client";
import { adjustPoints, awardPoints, redeemPoints, reverseEntry } from "../ledger";
import { apiKeyActor, portalActor } from "../actors/actor";
import { randomPassword } from "../accounts/one-time-token";
import { getProgramSettings, updateProgramSettings } from "../program/program-settings";
import { createReward } from "../rewards/manage-rewards";
import { redeemReward } from "../rewards/redeem-reward";
import { createStore } from "../stores/manage-stores";

// No fixed password: each install's demo owner gets a random one, printed once, and must
// replace it at the first sign-in.
export const DEMO = { slug: "demo-coffee", name: "Demo Coffee Co.", ownerEmail: "owner@demo.test" } as const;

const CUSTOMERS = [
  { email: "ada@example.com", name: "Ada Lovelace", phone: "+15550100001", visits: [420, 180, 260, 90] },
  { email: "grace@example.com", name: "Grace Hopper", phone: "+15550100002", visits: [1200, 300, 450] },
  { email: "alan@example.com", name: "Alan Turing", phone: "+15550100003", visits: [75, 60] },
  { email: "katherine@example.com", name: "Katherine Johnson", phone: "+15550100004", visits: [2500, 800, 640, 120, 300] },
  { email: "edsger@example.com", name: "Edsger Dijkstra", phone: null, visits: [150] },
  { email: "barbara@example.com", name: "Barbara Liskov", phone: "+15550100006", visits: [310, 240, 90] },
] as const;

export type SeedResult = { created: boolean; summary: string; businessId?: string };

export async function seedDemo(db: Db): Promise<SeedResult> {
  if (await db.business.findUnique({ where: { slug: DEMO.slug } })) return { created: false, summary: "" };
  // An existing account keeps its own password (createBusiness never changes it).
  const ownerExisted = Boolean(await db.user.findUnique({ where: { email: DEMO.ownerEmail } }));
  const ownerPassword = randomPassword();
  const { business, owner } = await createBusiness(db, {
    name: DEMO.name,
    slug: DEMO.slug,
    ownerEmail: DEMO.ownerEmail,
    ownerPassword,
    ownerName: "Demo Owner",
    ownerMustChangePassword: true,
  });
  await db.business.update({ where: { id: business.id }, data: { pointExpiryDays: 365 } });
  const staff = portalActor({ ...owner, name: "Demo Owner" }, business.id);
  const { apiKey, key } = await createApiKey(db, staff, { name: "Demo key" });
  const pos = apiKeyActor({ id: apiKey.id, businessId: business.id }, { source: "POS", staffName: "Till 1" });
  // A program to look at: tiers that earn more, a shop, and rewards to spend points on.
  await updateProgramSettings(db, staff, {
    ...(await getProgramSettings(db, staff)),
    tiers: [
      { name: "Bronze", minPoints: 0, multiplierPercent: 100 },
      { name: "Silver", minPoints: 1000, multiplierPercent: 125 },
      { name: "Gold", minPoints: 5000, multiplierPercent: 150 },
    ],
  });
  await createStore(db, staff, { name: "Main Street", code: "MAIN", address: "1 Main Street" });
  const coffee = await createReward(db, staff, { title: "Free coffee", description: "Any size, any blend.", pointsCost: 100, couponMode: "GENERATED", couponPrefix: "COFFEE" });
  await createReward(db, staff, { title: "Coffee beans, 250 g", pointsCost: 500, stock: 20 });

  let order = 1000;
  for (const customer of CUSTOMERS) {
    for (const amount of customer.visits) {
      order++;
      await awardPoints(db, pos, {
        customerEmail: customer.email,
        customerName: customer.name,
        amount,
        description: `Purchase #${order}`,
        reference: `order-${order}`,
        idempotencyKey: `demo-order-${order}`,
        storeId: "MAIN",
      });
    }
    if (customer.phone) await db.customer.update({ where: { businessId_email: { businessId: business.id, email: customer.email } }, data: { phone: customer.phone } });
  }
  await redeemPoints(db, pos, { customerEmail: "grace@example.com", amount: 500, description: "Free coffee bag", idempotencyKey: "demo-redeem-1" });
  await redeemPoints(db, pos, { customerEmail: "katherine@example.com", amount: 1000, description: "Brunch for two", idempotencyKey: "demo-redeem-2" });
  await redeemReward(db, pos, { rewardId: coffee.id, customerEmail: "ada@example.com", idempotencyKey: "demo-reward-1", storeId: "MAIN" });
  await adjustPoints(db, staff, { customerEmail: "alan@example.com", points: 50, reason: "Apology for a late order" });
  const mistake = await awardPoints(db, pos, { customerEmail: "ada@example.com", amount: 999, description: "Keyed in twice", idempotencyKey: "demo-mistake" });
  await reverseEntry(db, staff, { entryId: mistake.transaction.id, reason: "Duplicate purchase entry" });


  const summary = [
    `Demo business "${DEMO.name}" (slug ${DEMO.slug}) with ${CUSTOMERS.length} customers.`,
    ownerExisted
      ? `Portal login: ${DEMO.ownerEmail} with that account's own password.`
      : `Portal login: ${DEMO.ownerEmail} / ${ownerPassword}  (temporary: you choose a new one at the first sign-in)`,
    `Demo API key: ${key}`,
    `Try: curl -H "Authorization: Bearer ${key}" "http://localhost:PORT/api/v1/points/balance?email=ada@example.com"`,
  ].join("\n");
  return { created: true, summary, businessId: business.id };
}
