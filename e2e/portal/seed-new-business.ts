// Seeds a business exactly as sign-up leaves it (an owner, nothing else) for the onboarding
// checklist's e2e test: `npx tsx e2e/portal/seed-new-business.ts <tag>` with DATA_DIR set.
import { createBusiness } from "../../server/businesses/create-business";
import { withDatabase } from "../../server/db/with-database";
import { randomPassword } from "../../server/accounts/one-time-token";

const tag = process.argv[2];
if (!tag || !/^[a-z0-9-]+$/.test(tag)) throw new Error("usage: seed-new-business.ts <tag of [a-z0-9-]>");

const seeded = await withDatabase(async (db) => {
  // Random per run, handed to the test below: no password is known in advance.
  const password = randomPassword();
  const { business, owner } = await createBusiness(db, { name: `New ${tag}`, slug: `new-${tag}`, ownerEmail: `new-owner-${tag}@e2e.test`, ownerPassword: password, ownerName: `Nia New ${tag}` });
  return { businessId: business.id, owner: { email: owner.email, password } };
});
console.log(`SEED ${JSON.stringify(seeded)}`);
