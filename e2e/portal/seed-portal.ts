// Seeds isolated businesses for the e2e tests through the same server/ functions the product
// uses, against the e2e server's database, and prints what the tests need as JSON.
// `tsx e2e/portal/seed-portal.ts <tag>` (DATA_DIR set) seeds one and exits: the warm-up.
// `... --serve` stays up and seeds one business per tag read from stdin, answering
// `SEED <tag> <json>` or `FAIL <tag> <reason>`: each Playwright worker keeps one (seeder.ts), so a
// test's own business costs a few queries and hashes instead of starting tsx and connecting.
import { createInterface } from "node:readline";
import { createApiKey } from "../../server/api-keys/create-api-key";
import { createBusiness } from "../../server/businesses/create-business";
import { withDatabase } from "../../server/db/with-database";
import { awardPoints, redeemPoints } from "../../server/ledger";
import { apiKeyActor, portalActor } from "../../server/actors/actor";
import { randomPassword } from "../../server/accounts/one-time-token";
import { hashPassword } from "../../server/auth/password";
import type { Db } from "../../server/db/client";
import { seedMember } from "../member/seed-member";
import { seedWidget } from "../widget/seed-widget";

const TAG = /^[a-z0-9-]+$/;
const arg = process.argv[2];
if (!arg || (arg !== "--serve" && !TAG.test(arg))) throw new Error("usage: seed-portal.ts <tag of [a-z0-9-]> | --serve");

async function seedPortal(db: Db, tag: string) {
  // Random per run, handed to the tests in the JSON below: no password is known in advance.
  const password = randomPassword();
  const { business, owner } = await createBusiness(db, { name: `Portal ${tag}`, slug: `portal-${tag}`, ownerEmail: `owner-${tag}@e2e.test`, ownerPassword: password, ownerName: `Olive Owner ${tag}` });
  const ownerActor = portalActor({ ...owner, name: "Olive Owner" }, business.id);
  const passwordHash = await hashPassword(password);
  // On the team already, as an accepted invitation leaves them.
  const staff = await db.user.create({ data: { email: `staff-${tag}@e2e.test`, name: `Sam Staff ${tag}`, passwordHash } });
  await db.membership.create({ data: { businessId: business.id, userId: staff.id, role: "STAFF" } });
  // A staff member whose password an owner chose: the portal makes them replace it first.
  const temporary = { email: `temp-${tag}@e2e.test`, password: randomPassword() };
  const tempUser = await db.user.create({ data: { email: temporary.email, name: `Tia Temp ${tag}`, passwordHash: await hashPassword(temporary.password), mustChangePassword: true } });
  await db.membership.create({ data: { businessId: business.id, userId: tempUser.id, role: "STAFF" } });
  const { apiKey, key } = await createApiKey(db, ownerActor, { name: "Seeded till" });
  // The staff member also owns a second (empty) business: exercises the business switcher.
  const second = await createBusiness(db, { name: `Second ${tag}`, slug: `second-${tag}`, ownerEmail: staff.email, ownerPassword: password });
  const till = apiKeyActor({ id: apiKey.id, businessId: business.id }, { source: "POS", staffName: "Till 1" });
  const customers = [];
  for (const [i, amount] of [500, 320, 80].entries()) {
    const email = `cust${i}-${tag}@e2e.test`;
    const award = await awardPoints(db, till, { customerEmail: email, customerName: `Customer ${i} ${tag}`, amount, description: `Purchase ${i}` });
    customers.push({ id: award.transaction.customerId, email });
  }
  await redeemPoints(db, till, { customerId: customers[0]!.id, amount: 120, description: "Free muffin" });
  // Expected analytics, read straight from the ledger rather than from the analytics code.
  const [sums] = await db.$queryRaw<{ net: bigint; earned: bigint; redeemed: bigint }[]>`
    SELECT sum(points) AS net, sum(points) FILTER (WHERE type = 'AWARD') AS earned, -sum(points) FILTER (WHERE type = 'REDEEM') AS redeemed
      FROM ledger_entries WHERE business_id = ${business.id}::uuid`;
  return {
    businessId: business.id,
    secondBusiness: { id: second.business.id, name: second.business.name },
    owner: { email: owner.email, password },
    staff: { email: staff.email, password },
    temporary,
    apiKey: key,
    customers,
    ledger: { net: Number(sums?.net), earned: Number(sums?.earned), redeemed: Number(sums?.redeemed) },
  };
}

// Tags starting "member-" seed the member page's world (e2e/member/seed-member.ts), "widget-"
// the widget's (e2e/widget/seed-widget.ts).
const seedFor = (db: Db, tag: string) => (tag.startsWith("member-") ? seedMember(db, tag) : tag.startsWith("widget-") ? seedWidget(db, tag) : seedPortal(db, tag));

await withDatabase(async (db) => {
  if (arg !== "--serve") return console.log(`SEED ${JSON.stringify(await seedFor(db, arg))}`);
  // One at a time, in order: the answers come back in the order the tags were asked.
  for await (const tag of createInterface({ input: process.stdin })) {
    if (!TAG.test(tag)) console.log(`FAIL ${tag.replaceAll(/\s/g, "_")} not a tag of [a-z0-9-]`);
    else await seedFor(db, tag).then(
      (seeded) => console.log(`SEED ${tag} ${JSON.stringify(seeded)}`),
      (error: unknown) => console.log(`FAIL ${tag} ${String(error instanceof Error ? error.stack : error).replaceAll("\n", " | ")}`),
    );
  }
});
