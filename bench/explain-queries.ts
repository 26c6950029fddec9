// For a benchmark case that missed its goal: runs it once more on a client that records the SQL
// Prisma sends, then prints EXPLAIN (ANALYZE, BUFFERS) of each statement with its parameters.
// A plan is what tells a bad estimate from a busy machine; a p95 alone can't (a 2.75 s search
// on one freshly generated tenant, 35-58 ms on three others, went unexplained for want of it).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../server/db/generated/client";

type QueryEvent = { query: string; params: string };

export async function explainQueries(url: string, run: (db: PrismaClient) => Promise<unknown>, log: (line: string) => void): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  const queries: QueryEvent[] = [];
  db.$on("query", (event: QueryEvent) => queries.push(event));
  try {
    await run(db);
    for (const { query, params } of queries) {
      const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, JSON.parse(params) as unknown[]);
      log(`  ${query.replace(/\s+/g, " ").slice(0, 300)}`);
      for (const row of rows) log(`    ${row["QUERY PLAN"]}`);
    }
  } catch (error) {
    log(`  (could not explain: ${error instanceof Error ? error.message : String(error)})`);
  } finally {
    await db.$disconnect();
    await pool.end().catch(() => {});
  }
}
