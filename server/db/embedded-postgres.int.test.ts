import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runningEmbeddedUrl, startEmbeddedPostgres } from "./embedded-postgres";

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query("SELECT 1 AS one")).rows[0]?.one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("embedded PostgreSQL lifecycle", () => {
  it("reuses a running server for the same data dir instead of starting a second, and stops cleanly", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "embedded-pg-"));
    chmodSync(dir, 0o755);
    const first = await startEmbeddedPostgres({ dir, port: 0, ephemeral: true });
    expect(first.owned).toBe(true);
    const second = await startEmbeddedPostgres({ dir, port: 0, ephemeral: true });
    expect(second.owned).toBe(false);
    expect(second.url("postgres")).toBe(first.url("postgres"));
    expect(runningEmbeddedUrl(dir, "postgres", { name: "postgres", password: readFileSync(path.join(dir, "pg-password"), "utf8") })).toBe(first.url("postgres"));
    expect(await canQuery(second.url("postgres"))).toBe(true);

    await second.stop(); // not the owner: must leave the server running
    expect(await canQuery(first.url("postgres"))).toBe(true);
    await first.stop();
    expect(existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(false);
    expect(await canQuery(first.url("postgres"))).toBe(false);

    // The data survives a restart.
    const again = await startEmbeddedPostgres({ dir, port: 0, ephemeral: true });
    expect(again.owned).toBe(true);
    expect(await canQuery(again.url("postgres"))).toBe(true);
    await again.stop();
  }, 60_000);

  it("connects through a Unix socket in the data directory, and over TCP when its path is too long", async () => {
    const short = mkdtempSync(path.join(os.tmpdir(), "embedded-pg-"));
    chmodSync(short, 0o755);
    const viaSocket = await startEmbeddedPostgres({ dir: short, port: 0, ephemeral: true });
    const url = new URL(viaSocket.url("postgres"));
    expect(url.searchParams.get("host")).toBe(path.resolve(short, "pg"));
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    // inet_client_addr() is NULL on a Unix-socket connection.
    expect((await client.query("SELECT inet_client_addr() AS addr")).rows[0]?.addr).toBeNull();
    await client.end();
    await viaSocket.stop();

    const long = path.join(short, "d".repeat(100));
    mkdirSync(long);
    chmodSync(long, 0o755);
    const viaTcp = await startEmbeddedPostgres({ dir: long, port: 0, ephemeral: true });
    expect(new URL(viaTcp.url("postgres")).searchParams.has("host")).toBe(false);
    expect(await canQuery(viaTcp.url("postgres"))).toBe(true);
    await viaTcp.stop();
  }, 60_000);
});
