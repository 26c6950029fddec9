// Embedded clusters authenticate with scram-sha-256 (initdb --auth=scram-sha-256,
// password_encryption=scram-sha-256): a password never crosses the socket, and a stolen
// pg_authid row can't be replayed as with md5.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// Clusters made before passwords went scram-sha-256 (initdb --auth=password) get their
// superuser's password re-hashed while the old method still accepts it, then pg_hba.conf
// rewritten and reloaded. Once done, the file has nothing left to change and this is a read.
const WEAK_METHOD = /(\s)(password|md5|trust)(\s*(#.*)?)$/;

export async function requireScram(pgDir: string, superuserUrl: string, user: string, password: string): Promise<void> {
  const hbaFile = path.join(pgDir, "pg_hba.conf");
  const lines = readFileSync(hbaFile, "utf8").split("\n");
  const rewritten = lines.map((line) => (line.trimStart().startsWith("#") ? line : line.replace(WEAK_METHOD, "$1scram-sha-256$3")));
  if (rewritten.every((line, i) => line === lines[i])) return;
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query("SET password_encryption = 'scram-sha-256'");
    const { rows } = await client.query<{ sql: string }>("SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql", [user, password]);
    await client.query(rows[0]!.sql);
    writeFileSync(hbaFile, rewritten.join("\n"));
    await client.query("SELECT pg_reload_conf()");
  } finally {
    await client.end();
  }
}
