import type { Db } from "../db/client";
import { seedDemo, type SeedResult } from "./seed-demo";

// Only the embedded database (a try-out on one machine) gets the demo business on its first
// start. A database someone configured (DATABASE_URL) is a real install: it starts empty, and
// `npm run cli -- db seed-demo` seeds the demo there on purpose. A restart, or an install
// whose owner deleted the demo, never seeds again.
export function shouldSeedDemo(database: { embedded: boolean; businessCount: number }): boolean {
  return database.embedded && database.businessCount === 0;
}

// migrationUrl: the tables' owner, for the demo's backdating (see seed-demo.ts).
export async function seedOnFirstStart(db: Db, database: { embedded: boolean; migrationUrl: string }): Promise<SeedResult | null> {
  if (!shouldSeedDemo({ embedded: database.embedded, businessCount: await db.business.count() })) return null;
  return seedDemo(db, { ownerUrl: database.migrationUrl });
}

export function announceDemo(seeded: SeedResult, log: (line: string) => void, port: number) {
  log("First start: seeded the demo business. Save these, they are shown once:");
  for (const line of seeded.summary.split("\n")) log(`  ${line.replace("PORT", String(port))}`);
  log(`  Sign in at http://localhost:${port}/login`);
}
