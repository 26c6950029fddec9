// npm run bench:import — a CSV of 1M customers with opening balances (BENCH_IMPORT_ROWS to
// change it, BENCH_IMPORT_BATCH for the lines per transaction), imported into a fresh business through server/import, as the CLI does. Reports
// wall time per phase and the process's peak RSS, and checks the customer count and the sum of
// balances against the file. Goals: under 60 s, peak RSS under 300 MB.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cliActor } from "../server/actors/actor";
import { createDb } from "../server/db/client";
import { importCustomers } from "../server/import/import-customers";
import { benchDatabase } from "./bench-database";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
// Lines per apply transaction; unset: the import's own default.
const BATCH = process.env.BENCH_IMPORT_BATCH ? Number(process.env.BENCH_IMPORT_BATCH) : undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), "import-bench-"));
const file = path.join(dir, "customers.csv");

let expectedSum = 0;
const out = createWriteStream(file);
out.write("email,phone,external_id,name,birthday,opening_balance\n");
for (let i = 0; i < ROWS; i++) {
  const balance = (i * 37) % 6000;
  expectedSum += balance;
  const line = `c${i}@bench.test,+1555${String(i).padStart(8, "0")},ext-${i},Customer ${i},1990-01-${String((i % 28) + 1).padStart(2, "0")},${balance}\n`;
  if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}
await new Promise<void>((resolve) => out.end(() => resolve()));
const totalBytes = statSync(file).size;

const database = await benchDatabase();
const db = createDb(database.url, 3);
const business = await db.business.create({ data: { name: "Import bench", slug: "import-bench" } });
console.log(`import bench: ${ROWS.toLocaleString("en")} rows, ${(totalBytes / 1e6).toFixed(0)} MB CSV, Postgres ${process.env.DATABASE_URL ? "from DATABASE_URL" : "embedded (fsync on)"}`);

const started = performance.now();
let checked = 0;
const report = await importCustomers(db, cliActor(business.id), createReadStream(file), {
  dryRun: false,
  skipInvalid: false,
  totalBytes,
  batchSize: BATCH,
  onProgress: (p) => {
    if (p.phase === "importing" && !checked) checked = performance.now();
  },
});
const ended = performance.now();
const seconds = (ended - started) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;

const [totals] = await db.$queryRaw<{ customers: bigint; balances: bigint }[]>`
  SELECT count(*) AS customers, coalesce(sum(balance), 0) AS balances FROM customers WHERE business_id = ${business.id}::uuid`;
const countOk = Number(totals!.customers) === ROWS;
const sumOk = Number(totals!.balances) === expectedSum;
console.log(`checking the file (parse, validate, COPY, duplicates, match): ${((checked - started) / 1000).toFixed(1)} s`);
console.log(`applying (customers, entries, lots, events, keys): ${((ended - checked) / 1000).toFixed(1)} s`);
console.log(`total ${seconds.toFixed(1)} s (goal < 60 s): ${seconds < 60 ? "met" : "NOT met"}`);
console.log(`peak RSS ${peakMb.toFixed(0)} MB (goal < 300 MB): ${peakMb < 300 ? "met" : "NOT met"}`);
console.log(`created ${report.created}, balances posted ${report.balancesPosted}; customers ${countOk ? "ok" : "WRONG"} (${totals!.customers}), sum of balances ${sumOk ? "ok" : "WRONG"} (${totals!.balances} vs ${expectedSum})`);

await db.$disconnect();
await database.stop();
rmSync(dir, { recursive: true, force: true });
if (!countOk || !sumOk) process.exitCode = 1;
