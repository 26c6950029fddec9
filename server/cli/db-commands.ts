// `db backup` and `db restore`: thin adapters over server/backup.
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { createBackup } from "../backup/create-backup";
import { restoreBackup } from "../backup/restore-backup";
import { openDatabase, type OpenDatabase } from "../db/open-database";
import { env } from "../env";
import { AppError } from "../errors";
import { required, type Command } from "./commands-base";

async function withOpenDatabase<T>(work: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await work(database);
  } finally {
    if (database.owned) await database.stop();
  }
}

const rowsOf = (tables: { rows: number }[]) => tables.reduce((sum, t) => sum + t.rows, 0);

export const dbCommands: Command[] = [
  {
    name: "db backup",
    usage: "db backup [--file <path>]",
    summary: "Write a consistent backup of the whole database (one snapshot; the app may keep running) to a file; prints its path and size.",
    help: "Default file: DATA_DIR/backups/loyalty-ledger-<UTC time>.llbak (gzip). Restore it with `db restore --file <path>`.",
    options: { file: { type: "string" } },
    run: async ({ values, out }) => {
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.resolve(typeof values.file === "string" ? values.file : path.join(env().DATA_DIR, "backups", `loyalty-ledger-${stamp}.llbak`));
      if (existsSync(file)) throw new AppError("ALREADY_EXISTS", `${file} exists already; choose another --file.`);
      mkdirSync(path.dirname(file), { recursive: true });
      // Written under another name and renamed when whole: a failed backup leaves no file that looks complete.
      const partial = `${file}.partial`;
      // "wx": never through a symlink someone left there, never into a file that isn't ours
      // (its mode would stay), and never over a backup still being written.
      if (existsSync(partial)) throw new AppError("ALREADY_EXISTS", `${partial} exists: another backup is being written there, or one failed; remove it first.`);
      try {
        const manifest = await withOpenDatabase((database) => createBackup(database.migrationUrl, createWriteStream(partial, { mode: 0o600, flags: "wx" })));
        renameSync(partial, file);
        out(`Backed up ${manifest.tables.length} tables, ${rowsOf(manifest.tables)} rows (schema: ${manifest.migrations.length} migrations) to ${file} (${statSync(file).size} bytes).`);
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
    },
  },
  {
    name: "db restore",
    usage: "db restore --file <path> [--force]",
    summary: "Load a backup into an empty database (--force: replace everything in it); then apply this app's newer migrations.",
    help: [
      "The target must hold no data (any row refuses the restore) unless --force, which empties every table first.",
      "A backup from a newer app version is refused. One transaction: a damaged file restores nothing.",
      "Stop the app first: on the embedded database a running app refuses the restore.",
    ].join("\n"),
    options: { file: { type: "string" }, force: { type: "boolean" } },
    run: async ({ values, out }) => {
      const file = path.resolve(required(values, "file"));
      if (!existsSync(file)) throw new AppError("NOT_FOUND", `No file at ${file}.`);
      const result = await withOpenDatabase(async (database) => {
        if (database.embedded && !database.owned) {
          throw new AppError("CONFLICT", "The app is running on this data directory: stop it, then restore (it would serve a half-restored database).");
        }
        return restoreBackup(database, createReadStream(file), { force: values.force === true });
      });
      const { manifest, applied } = result;
      out(`Restored ${manifest.tables.length} tables, ${rowsOf(manifest.tables)} rows from ${file} (made ${manifest.createdAt}).`);
      if (applied.length) out(`Applied ${applied.length} newer migration(s): ${applied.join(", ")}.`);
    },
  },
];
