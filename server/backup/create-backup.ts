// `db backup`: one snapshot's COPY of every table plus the schema version, the same on the
// embedded database and on DATABASE_URL (no pg_dump: the embedded package ships none, and a
// client older than the server refuses to dump it). REPEATABLE READ READ ONLY gives one snapshot
// across all tables without blocking writers; rows stream from COPY through gzip to the file.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { listSequences, listTables, quoteIdent } from "./backup-catalog";
import { END_OF_TABLE, MAGIC, type Manifest } from "./backup-format";

// url: a role that can read every table (the schema's owner: MIGRATION_DATABASE_URL).
export async function createBackup(url: string, output: Writable): Promise<Manifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const gzip = createGzip();
  const written = pipeline(gzip, output);
  // Seen by `written` too; caught here so an early failure doesn't go unhandled meanwhile.
  written.catch(() => {});
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  try {
    await client.query("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0");
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await listTables(client);
    const migrations = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const counted: Manifest["tables"] = [];
    for (const table of tables) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table.name)}`);
      counted.push({ ...table, rows: rows[0]!.n });
    }
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      migrations: migrations.rows.map((r) => r.migration_name),
      tables: counted,
      sequences: await listSequences(client),
    };
    await write(`${MAGIC}\n${JSON.stringify(manifest)}\n`);
    for (const table of counted) {
      const copy = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) TO STDOUT`));
      // Chunk by chunk rather than piped: a pipe per table would pile listeners on the one gzip.
      for await (const chunk of copy) if (!gzip.write(chunk)) await once(gzip, "drain");
      await write(`${END_OF_TABLE}\n`);
    }
    await client.query("COMMIT");
    gzip.end();
    await written;
    return manifest;
  } catch (error) {
    gzip.destroy(error as Error);
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
