// The tenant-key rule, for every table present and future: a table that belongs to a business
// has a primary key starting with business_id, and every unique index and every foreign key to
// another tenant table includes business_id. That keeps one business's rows apart by
// construction, and is what distributing the tables by business (Citus) needs; README "Tenant
// keys" lists which tables would be distributed and which are reference tables.
import pg from "pg";
import { describe, expect, it } from "vitest";

// Tables that don't belong to one business, and why. A new table must either have business_id
// or be added here, with a reason, on purpose.
const GLOBAL_TABLES: Record<string, string> = {
  businesses: "the tenants themselves (distributed by their own id, co-located with their rows)",
  users: "a person can be a member of several businesses (a reference table)",
  password_reset_tokens: "belongs to a user, who can be a member of several businesses",
  _prisma_migrations: "the migration runner's records",
  _repeatable_sql: "the migration runner's records",
  job_workers: "the job worker processes alive now; a worker serves every business",
  rate_limits: "request and sign-in limits counted for every app process (keyed by API key or client, never tenant data)",
};

// Tenant tables replicated whole to every node instead of distributed, and so allowed a unique
// index without business_id.
const REFERENCE_TABLES: Record<string, string> = {
  api_keys: "a key is looked up by its hash before its business is known",
  invitations: "an invitation link is looked up by its token hash before its business is known",
};

type Row = Record<string, string | string[]>;

async function rows(sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

const TABLES = `
  SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') GROUP BY c.relname`;

// Unique indexes (primary keys included) with their columns in key order.
const UNIQUE_INDEXES = `
  SELECT t.relname AS table, i.relname AS index, ix.indisprimary::text AS primary,
         array_agg(a.attname::text ORDER BY k.ord) AS columns
    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
   WHERE n.nspname = 'public' AND ix.indisunique GROUP BY t.relname, i.relname, ix.indisprimary`;

const FOREIGN_KEYS = `
  SELECT c.conname AS name, src.relname AS table, dst.relname AS references,
         array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
         array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS referenced
    FROM pg_constraint c JOIN pg_class src ON src.oid = c.conrelid JOIN pg_class dst ON dst.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = src.relnamespace
   WHERE n.nspname = 'public' AND c.contype = 'f'`;

describe("tenant keys", () => {
  it("every table either belongs to a business or is a named global table", async () => {
    const unknown = (await rows(TABLES)).filter((t) => !(t.columns as string[]).includes("business_id") && !GLOBAL_TABLES[t.table as string]);
    expect(unknown.map((t) => t.table)).toEqual([]);
  });

  it("every tenant table's primary key starts with business_id", async () => {
    const tenant = new Set((await rows(TABLES)).filter((t) => (t.columns as string[]).includes("business_id")).map((t) => t.table as string));
    expect(tenant.size).toBeGreaterThanOrEqual(12);
    const primaries = (await rows(UNIQUE_INDEXES)).filter((i) => i.primary === "true" && tenant.has(i.table as string));
    expect(primaries.map((i) => i.table).sort()).toEqual([...tenant].sort());
    expect(primaries.filter((i) => (i.columns as string[])[0] !== "business_id").map((i) => `${i.table}: (${(i.columns as string[]).join(", ")})`)).toEqual([]);
  });

  it("every unique index of a tenant table includes business_id, but for reference tables", async () => {
    const tenant = new Set((await rows(TABLES)).filter((t) => (t.columns as string[]).includes("business_id")).map((t) => t.table as string));
    const offending = (await rows(UNIQUE_INDEXES)).filter(
      (i) => tenant.has(i.table as string) && !REFERENCE_TABLES[i.table as string] && !(i.columns as string[]).includes("business_id"),
    );
    expect(offending.map((i) => `${i.table}.${i.index}`)).toEqual([]);
  });

  it("every foreign key between tenant tables pairs business_id with business_id", async () => {
    const tenant = new Set((await rows(TABLES)).filter((t) => (t.columns as string[]).includes("business_id")).map((t) => t.table as string));
    const between = (await rows(FOREIGN_KEYS)).filter((fk) => tenant.has(fk.table as string) && tenant.has(fk.references as string));
    expect(between.length).toBeGreaterThanOrEqual(4);
    const offending = between.filter((fk) => {
      const at = (fk.columns as string[]).indexOf("business_id");
      return at < 0 || (fk.referenced as string[])[at] !== "business_id";
    });
    expect(offending.map((fk) => `${fk.table}.${fk.name}`)).toEqual([]);
  });
});
