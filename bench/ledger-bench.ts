// npm run bench:ledger — ledger writes per second through server/ledger (Prisma, ledger_write())
// next to a raw `pg` single-statement write (conditional UPDATE ... RETURNING + INSERT in one
// CTE) on the same tables, same process, same pool size. Goal: ledger >= 0.5x the baseline.
import pg from "pg";
import { createDb } from "../server/db/client";
import { awardPoints, redeemPoints } from "../server/ledger";
import { apiKeyActor } from "../server/actors/actor";
import { benchDatabase, measure } from "./bench-database";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CUSTOMERS = 1000;

const database = await benchDatabase();
const db = createDb(database.url, CONCURRENCY);
const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY });
pool.on("error", () => {}); // idle connections closed by the server at shutdown

const business = await db.business.create({ data: { name: "Bench", slug: "bench" } });
const actor = apiKeyActor({ id: "bench", businessId: business.id });
const ids: string[] = [];
for (let i = 0; i < CUSTOMERS; i++) {
  const { transaction } = await awardPoints(db, actor, { customerEmail: `c${i}@bench.test`, amount: 1_000_000 });
  ids.push(transaction.customerId);
}
const hot = ids[0]!;
const pick = (i: number) => ids[i % CUSTOMERS]!;

const BASELINE = `
  WITH c AS (
    UPDATE customers SET balance = balance + $3, lifetime_earned = lifetime_earned + greatest($3, 0)
     WHERE business_id = $1 AND id = $2 AND balance + $3 >= 0
     RETURNING balance)
  INSERT INTO ledger_entries (business_id, customer_id, type, points, balance_after, actor_type, source)
  SELECT $1, $2, $4::"EntryType", $3, balance, 'API_KEY', 'API' FROM c RETURNING id`;
const baseline = (customerId: string, points: number) =>
  pool.query(BASELINE, [business.id, customerId, points, points > 0 ? "AWARD" : "REDEEM"]);

const scenarios: [string, (i: number) => Promise<unknown>, (i: number) => Promise<unknown>][] = [
  ["award, 1,000 customers", (i) => awardPoints(db, actor, { customerId: pick(i), amount: 10 }), (i) => baseline(pick(i), 10)],
  ["redeem, 1,000 customers", (i) => redeemPoints(db, actor, { customerId: pick(i), amount: 1 }), (i) => baseline(pick(i), -1)],
  ["award, one hot customer", () => awardPoints(db, actor, { customerId: hot, amount: 10 }), () => baseline(hot, 10)],
  ["redeem, one hot customer", () => redeemPoints(db, actor, { customerId: hot, amount: 1 }), () => baseline(hot, -1)],
];

console.log(`ledger bench: ${SECONDS}s per run, concurrency ${CONCURRENCY}, ${CUSTOMERS} customers, Postgres ${process.env.DATABASE_URL ? "from DATABASE_URL" : "embedded (fsync on)"}`);
console.log("scenario                    ledger ops/s  p50 ms  p99 ms | raw pg ops/s  p50 ms  p99 ms | ratio");
const rows = [];
for (const [name, ledgerOp, baselineOp] of scenarios) {
  const ledger = await measure(SECONDS, CONCURRENCY, ledgerOp);
  const raw = await measure(SECONDS, CONCURRENCY, baselineOp);
  const ratio = ledger.perSecond / raw.perSecond;
  rows.push({ name, ledger, raw, ratio });
  const f = (n: number, w = 12) => n.toFixed(n < 100 ? 1 : 0).padStart(w);
  console.log(`${name.padEnd(27)} ${f(ledger.perSecond)} ${f(ledger.p50, 7)} ${f(ledger.p99, 7)} | ${f(raw.perSecond)} ${f(raw.p50, 7)} ${f(raw.p99, 7)} | ${ratio.toFixed(2)}x${ledger.errors + raw.errors ? `  (errors: ${ledger.errors}/${raw.errors})` : ""}`);
}
const worst = Math.min(...rows.map((r) => r.ratio));
console.log(`\nworst ratio ${worst.toFixed(2)}x (goal >= 0.50x): ${worst >= 0.5 ? "met" : "NOT met"}`);

await db.$disconnect();
await pool.end();
await database.stop();
