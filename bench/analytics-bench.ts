// Analytics on a large tenant: seeds one business with N customers and M ledger entries
// spread over the last year (generate_series SQL, bulk-load style), then times the portal's
// analytics and customer-list queries. `npx tsx bench/analytics-bench.ts [customers] [entries]`
// (default 1,000,000 / 10,000,000). Uses DATABASE_URL's server or a throwaway embedded one.
import { listCustomers } from "../server/customers/list-customers";
import { createDb } from "../server/db/client";
import { getAnalytics } from "../server/analytics/get-analytics";
import { defaultRange } from "../server/analytics/analytics-range";
import { jobActor } from "../server/actors/actor";
import { benchDatabase } from "./bench-database";
import { generateLargeTenant } from "./large-tenant";

const customers = Number(process.argv[2] ?? 1_000_000);
const entries = Number(process.argv[3] ?? 10_000_000);
const log = (line: string) => console.log(`[analytics-bench] ${line}`);

const database = await benchDatabase();
const db = createDb(database.url, 4);

try {
  const { businessId, smallBusinessId } = await generateLargeTenant(database.url, customers, entries, log);
  const small = [{ id: smallBusinessId }];
  const actor = jobActor(businessId);
  const cases: [string, () => Promise<unknown>][] = [
    ["analytics, last 7 days", () => getAnalytics(db, actor, defaultRange(new Date(), 7))],
    ["analytics, last 30 days", () => getAnalytics(db, actor, defaultRange(new Date(), 30))],
    ["analytics, last 90 days", () => getAnalytics(db, actor, defaultRange(new Date(), 90))],
    ["analytics, last 365 days", () => getAnalytics(db, actor, defaultRange(new Date(), 365))],
    ["analytics, small tenant next door, 30 days", () => getAnalytics(db, { ...actor, businessId: small[0]!.id }, defaultRange(new Date(), 30))],
    ["customers page 1 by balance", () => listCustomers(db, actor, { sortBy: "balance", sortOrder: "desc", limit: 25 })],
    ["customers page 1 by last activity", () => listCustomers(db, actor, { sortBy: "lastActivityAt", limit: 25 })],
    ["customers page 400 by lifetime earned", () => listCustomers(db, actor, { sortBy: "lifetimeEarned", page: 400, limit: 25 })],
    ["customers search 'customer 4242'", () => listCustomers(db, actor, { search: "customer 4242", limit: 25 })],
  ];
  log(`tenant: ${customers.toLocaleString("en")} customers, ${entries.toLocaleString("en")} entries; first call, then median of 5`);
  for (const [label, run] of cases) {
    // The first analytics call over a range also fills the daily rollup for its settled days.
    const first = performance.now();
    await run();
    const firstMs = performance.now() - first;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    log(`${label.padEnd(44)} first ${firstMs.toFixed(0).padStart(6)} ms   median ${times[2]!.toFixed(0).padStart(6)} ms   max ${times[4]!.toFixed(0).padStart(6)} ms`);
  }
} finally {
  await db.$disconnect();
  await database.stop();
}
