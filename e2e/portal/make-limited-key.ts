// An API key with its own per-minute limit, for the business a test seeded (the portal has no
// control for that yet). Run by e2e/portal/two-processes.spec.ts:
// `npx tsx e2e/portal/make-limited-key.ts <business id> <requests per minute>`; prints the key.
import { portalActor } from "../../server/actors/actor";
import { createApiKey } from "../../server/api-keys/create-api-key";
import { withDatabase } from "../../server/db/with-database";

const [businessId, perMinute] = process.argv.slice(2);
if (!businessId || !/^[0-9a-f-]{36}$/.test(businessId) || !/^\d+$/.test(perMinute ?? "")) throw new Error("usage: make-limited-key.ts <business id> <requests per minute>");

await withDatabase(async (db) => {
  const owner = await db.membership.findFirstOrThrow({ where: { businessId, role: "OWNER" }, include: { user: true } });
  const actor = portalActor(owner.user, businessId);
  const { key } = await createApiKey(db, actor, { name: `Limited to ${perMinute}/min`, rateLimitPerMinute: Number(perMinute) });
  console.log(`KEY ${key}`);
});
