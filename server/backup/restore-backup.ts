// `db restore`: brings a backup back into an empty database. The target is migrated to the
// backup's schema version, every table is loaded in one transaction with user triggers off (the
// insert triggers would emit events and draw referral codes again), row counts are checked
// against the manifest, sequences set, and only then are the newer migrations applied. A damaged
// file or a refused target rolls back: no table is left half-loaded.
import { once } from "node:events";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { roleOf } from "../db/database-roles";
import { migrate, readMigrations } from "../db/migrate";
import { AppError } from "../errors";
import { BOOKKEEPING_TABLES, listTables, quoteIdent } from "./backup-catalog";
import { BackupFileError, END_OF_TABLE, lines, readManifest, type Manifest } from "./backup-format";
import { migrateTo, targetMigrations } from "./migrate-to";

export type RestoreResult = { manifest: Manifest; applied: string[] };
type Database = { url: string; migrationUrl: string };

export async function restoreBackup(database: Database, input: Readable, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  const reader = lines(input.pipe(gunzip))[Symbol.asyncIterator]();
  try {
    const manifest = await readManifest(reader);
    const grantTo = roleOf(database.url) || undefined;
    checkSchemaVersion(manifest.migrations, await targetMigrations(database.migrationUrl));
    await migrateTo(database.migrationUrl, manifest.migrations, grantTo);
    await load(database.migrationUrl, manifest, reader, options.force ?? false);
    const { applied } = await migrate(database.migrationUrl, { grantTo });
    return { manifest, applied };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // zlib's "unexpected end of file", "incorrect header check", ...: the file, not the database.
    if (error instanceof BackupFileError || (error as { code?: string }).code?.startsWith("Z_")) {
      throw new AppError("VALIDATION_ERROR", `${error instanceof BackupFileError ? error.message : `The backup file is damaged or truncated (${(error as Error).message}).`} Nothing was restored.`);
    }
    throw error;
  } finally {
    input.destroy();
  }
}

function checkSchemaVersion(backup: string[], target: string[]): void {
  const app = readMigrations().map((m) => m.name);
  const unknown = backup.filter((name) => !app.includes(name));
  if (unknown.length) throw new AppError("VALIDATION_ERROR", `The backup was made by a newer version of the app (migration ${unknown[0]} is unknown here). Upgrade the app, then restore.`);
  if (backup.some((name, i) => app[i] !== name)) throw new AppError("VALIDATION_ERROR", "The backup's migrations are not a prefix of this app's: it comes from a diverging version.");
  if (target.some((name, i) => backup[i] !== name)) {
    throw new AppError("CONFLICT", `The target database's schema is newer than the backup's (it has ${target.length} migrations, the backup ${backup.length}). Restore into a new, empty database.`);
  }
}

async function load(url: string, manifest: Manifest, reader: AsyncIterator<Buffer>, force: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0");
    await client.query("BEGIN");
    const target = await listTables(client);
    const expected = JSON.stringify(manifest.tables.map((t) => [t.name, t.columns]).sort());
    if (JSON.stringify(target.map((t) => [t.name, t.columns]).sort()) !== expected) {
      throw new BackupFileError("The backup's tables or columns don't match its own schema version: the file was altered.");
    }
    if (!force) await refuseNonEmpty(client, manifest);
    const names = manifest.tables.map((t) => quoteIdent(t.name));
    for (const name of names) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
    // Empties the runner's bookkeeping (the backup brings its own) and, under --force, the data.
    await client.query(`TRUNCATE ${names.join(", ")}`);
    for (const table of manifest.tables) {
      const loaded = await copyTable(client, table, reader);
      if (loaded !== table.rows) throw new BackupFileError(`The backup holds ${loaded} rows of ${table.name} where its manifest says ${table.rows}: the file is damaged.`);
    }
    if (!(await reader.next()).done) throw new BackupFileError("The backup file has data after its last table: it is damaged.");
    for (const name of names) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
    for (const sequence of manifest.sequences) {
      if (sequence.lastValue !== null) await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [quoteIdent(sequence.name), sequence.lastValue, sequence.isCalled]);
    }
    // The triggers were off: an app process still running on this database drops every API key
    // it cached when this commits (server/db/listen-for-changes.ts).
    await client.query("SELECT pg_notify('ll_api_key_changed', '*')");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function refuseNonEmpty(client: pg.Client, manifest: Manifest): Promise<void> {
  for (const { name } of manifest.tables) {
    if (BOOKKEEPING_TABLES.includes(name)) continue;
    const { rows } = await client.query(`SELECT 1 FROM ${quoteIdent(name)} LIMIT 1`);
    if (rows.length) throw new AppError("CONFLICT", `The target database is not empty (table ${name} has rows). Restore into an empty database, or pass --force to replace everything in it.`);
  }
}

// Rows go to COPY in batches of about 1 MB, with back-pressure: memory stays bounded whatever
// the table's size.
async function copyTable(client: pg.Client, table: Manifest["tables"][number], reader: AsyncIterator<Buffer>): Promise<number> {
  const copy = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
  const done = once(copy, "finish");
  done.catch(() => {});
  try {
    let batch: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (batch.length && !copy.write(Buffer.concat(batch))) await Promise.race([once(copy, "drain"), done]);
      batch = [];
      size = 0;
    };
    for (;;) {
      const line = await reader.next();
      if (line.done) throw new BackupFileError(`The backup file ends inside table ${table.name}: it is truncated.`);
      if (line.value.length === 2 && line.value.toString() === END_OF_TABLE) break;
      batch.push(line.value, NEWLINE);
      size += line.value.length + 1;
      if (size >= 1 << 20) await flush();
    }
    await flush();
    copy.end();
    await done;
    return copy.rowCount;
  } catch (error) {
    // Sends CopyFail, so the connection stays usable for the ROLLBACK.
    copy.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
}

const NEWLINE = Buffer.from("\n");
