import type { Db } from "../db/client";
import { seedDemo, type SeedResult } from "./seed-demo";

// First start = no business at all. A restart, or an install whose owner deleted the demo,
// never seeds again.
export async function seedOnFirstStart(db: Db): Promise<SeedResult | null> {
  if ((await db.business.count()) > 0) return null;
  return seedDemo(db);
}

export function announceDemo(seeded: SeedResult, log: (line: string) => void, port: number) {
  log("First start: seeded the demo business. Save these, they are shown once:");
  for (const line of seeded.summary.split("\n")) log(`  ${line.replace("PORT", String(port))}`);
  log(`  Sign in at http://localhost:${port}/login`);
}
