// What a backup holds, read from the catalog rather than listed by hand: every table of the
// public schema (the migrations' and their bookkeeping), parents before children so a restore
// loads them without breaking a foreign key, and every sequence's position.
import type pg from "pg";

export type TableInfo = { name: string; columns: string[] };
export type SequenceInfo = { name: string; lastValue: string | null; isCalled: boolean };

// The runner's own tables: a restore replaces the target's rows in them with the backup's.
export const BOOKKEEPING_TABLES = ["_prisma_migrations", "_repeatable_sql"];

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const tables = await client.query<{ name: string; columns: string[] }>(
    // Stored generated columns are computed again on load, so they are neither written nor read.
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      GROUP BY c.relname ORDER BY c.relname`,
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
  );
  return parentsFirst(tables.rows, edges.rows);
}

// Kahn's algorithm, alphabetical among equals so two backups of one schema list tables alike.
// A table referencing itself is fine (COPY checks its keys at the end of the statement); a cycle
// between tables is not, and is reported rather than loaded in an order that fails.
function parentsFirst(tables: TableInfo[], edges: { child: string; parent: string }[]): TableInfo[] {
  const parentsOf = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of edges) if (parentsOf.has(parent)) parentsOf.get(child)?.add(parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !done.has(t.name) && [...parentsOf.get(t.name)!].every((p) => done.has(p)));
    if (next.length === 0) throw new Error(`Foreign keys form a cycle among: ${tables.filter((t) => !done.has(t.name)).map((t) => t.name).join(", ")}.`);
    for (const table of next) {
      ordered.push(table);
      done.add(table.name);
    }
  }
  return ordered;
}

export async function listSequences(client: pg.ClientBase): Promise<SequenceInfo[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const sequences: SequenceInfo[] = [];
  for (const { name } of rows) {
    const state = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteIdent(name)}`);
    sequences.push({ name, lastValue: state.rows[0]!.last_value, isCalled: state.rows[0]!.is_called });
  }
  return sequences;
}
