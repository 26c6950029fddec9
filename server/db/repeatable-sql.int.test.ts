// The database's functions are exactly the repeatable .sql files: none edited by hand in the
// database, none missing, none left behind by a rename (server/db/repeatable-sql.ts).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ownerUrl } from "../../test/test-database";
import { readRepeatables } from "./repeatable-sql";

type Definition = { signature: string; name: string; definition: string };

const FUNCTIONS = `
  SELECT p.oid::regprocedure::text AS signature, p.proname AS name, pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = 'public'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
   ORDER BY 1`;

// What differs between the functions in the database and the files: applies every file under a
// savepoint that is rolled back, and compares each function's definition before and after.
// The caller holds the transaction (inDatabase).
async function functionDrift(client: pg.Client): Promise<string[]> {
  const files = readRepeatables();
  const defined = new Set(files.flatMap((f) => [...f.sql.matchAll(/CREATE OR REPLACE FUNCTION\s+(\w+)\s*\(/gi)].map((m) => m[1]!)));
  await client.query("SAVEPOINT drift");
  try {
    const before = new Map((await client.query<Definition>(FUNCTIONS)).rows.map((r) => [r.signature, r]));
    for (const file of files) await client.query(file.sql);
    const after = (await client.query<Definition>(FUNCTIONS)).rows;
    const problems: string[] = [];
    for (const fn of after) {
      const live = before.get(fn.signature);
      if (!live) problems.push(`${fn.signature}: in the files, missing from the database`);
      else if (live.definition !== fn.definition) problems.push(`${fn.signature}: the database's definition differs from its file`);
    }
    for (const fn of before.values()) {
      if (!defined.has(fn.name)) problems.push(`${fn.signature}: in the database, defined by no file`);
    }
    const names = after.map((fn) => fn.name);
    for (const name of new Set(names)) {
      if (names.filter((n) => n === name).length > 1) problems.push(`${name}: several versions (drop the old one in a migration)`);
    }
    return problems;
  } finally {
    await client.query("ROLLBACK TO SAVEPOINT drift");
  }
}

// Runs `work` in a transaction that is always rolled back: nothing here changes the database.
// As the schema's owner: the app role may not replace functions (it is what the test tampers).
async function inDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    return await work(client);
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

describe("database functions as source files", () => {
  it("the migrated database has exactly the functions the files define", async () => {
    expect(readRepeatables().map((f) => f.name)).toContain("ledger/sql/ledger-write.sql");
    expect(await inDatabase(functionDrift)).toEqual([]);
  });

  it("notices a function changed in the database by hand, and one no file defines", async () => {
    const problems = await inDatabase(async (client) => {
      await client.query(`CREATE OR REPLACE FUNCTION ll_fail(p_code text, p_state text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN NULL; END $$`);
      await client.query(`CREATE FUNCTION ll_forgotten() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$`);
      return functionDrift(client);
    });
    expect(problems).toContain("ll_fail(text,text): the database's definition differs from its file");
    expect(problems).toContain("ll_forgotten(): in the database, defined by no file");
  });
});
