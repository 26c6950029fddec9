// The demo business a fresh install starts with: an owner login, two stores, rewards, and about
// 50 customers with 90 days of believable history (demo-timeline.ts), written through the same
// ledger functions the API uses and then moved to the days it tells of (backdate-demo-history.ts).
import { createApiKey } from "../api-keys/create-api-key";
import { createBusiness } from "../businesses/create-business";
import type { Db } from "../db/client";
import { apiKeyActor, portalActor } from "../actors/actor";
import { randomPassword } from "../accounts/one-time-token";
import { getProgramSettings, updateProgramSettings } from "../program/program-settings";
import { createReward } from "../rewards/manage-rewards";
import { createStore } from "../stores/manage-stores";
import { fillSettled, settledBefore } from "../analytics/daily-points";
import { assertCanBackdate, backdateDemoHistory } from "./backdate-demo-history";
import { KIOSK_OPENS, WINDOW_DAYS } from "./demo-people";
import { demoTimeline } from "./demo-timeline";
import { writeDemoTimeline } from "./write-demo-timeline";

// No fixed password: each install's demo owner gets a random one, printed once, and must
// replace it at the first sign-in.
export const DEMO = { slug: "demo-coffee", name: "Demo Coffee Co.", ownerEmail: "owner@demo.test" } as const;

export type SeedResult = { created: boolean; summary: string; businessId?: string };

const DAY = 86_400_000;

// ownerUrl: the database as the owner of its tables (the migrations' role), which the
// backdating needs (see backdate-demo-history.ts); the app's role can't.
export async function seedDemo(db: Db, options: { ownerUrl: string }): Promise<SeedResult> {
  if (await db.business.findUnique({ where: { slug: DEMO.slug } })) return { created: false, summary: "" };
  await assertCanBackdate(options.ownerUrl);
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
  const beans = await createReward(db, staff, { title: "Coffee beans, 250 g", pointsCost: 500, stock: 40 });

  const harbour = await createStore(db, staff, { name: "Harbour Kiosk", code: "HARBOUR", address: "3 Harbour Walk" });

  // The story ends at the last midnight (UTC); it is written now, then moved to its days.
  const [clock] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  const now = clock!.now.getTime();
  const windowStart = new Date(now - (now % DAY) - WINDOW_DAYS * DAY);
  const timeline = demoTimeline(windowStart.getUTCDay());
  const tills = {
    MAIN: apiKeyActor({ id: apiKey.id, businessId: business.id }, { source: "POS", staffName: "Till 1" }),
    HARBOUR: apiKeyActor({ id: apiKey.id, businessId: business.id }, { source: "POS", staffName: "Kiosk" }),
  };
  const shiftMs = now - windowStart.getTime();
  const stamps = await writeDemoTimeline(db, { staff, tills, rewards: { coffee: coffee.id, beans: beans.id } }, timeline, { start: windowStart, shiftMs });
  const stores = { MAIN: windowStart, [harbour.code]: new Date(windowStart.getTime() + KIOSK_OPENS * DAY) };
  await backdateDemoHistory(options.ownerUrl, { businessId: business.id, windowStart, shiftMs, stores, stamps });
  // The settled days' figures now, so the first look at analytics reads stored rows.
  await fillSettled(db, business.id, windowStart, settledBefore());

  const summary = [
    `Demo business "${DEMO.name}" (slug ${DEMO.slug}) with ${timeline.people.length} customers and ${WINDOW_DAYS} days of history.`,
    ownerExisted
      ? `Portal login: ${DEMO.ownerEmail} with that account's own password.`
      : `Portal login: ${DEMO.ownerEmail} / ${ownerPassword}  (temporary: you choose a new one at the first sign-in)`,
    `Demo API key: ${key}`,
    `Try: curl -H "Authorization: Bearer ${key}" "http://localhost:PORT/api/v1/points/balance?email=ada@example.com"`,
  ].join("\n");
  return { created: true, summary, businessId: business.id };
}
