import { describe, expect, it } from "vitest";
import { rawPool } from "../../test/test-database";
import { listenForChanges } from "./listen-for-changes";

describe("listenForChanges", () => {
  it("hears a NOTIFY from another connection once it commits, and only then", async () => {
    const heard: string[] = [];
    const feed = listenForChanges("test_feed_commit", { notice: (p) => heard.push(p), reset: () => {} });
    await expect.poll(() => feed.listening(), { timeout: 10_000 }).toBe(true);
    const client = await rawPool().connect();
    await client.query("BEGIN");
    await client.query("SELECT pg_notify('test_feed_commit', 'a')");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
    await client.query("COMMIT");
    client.release();
    await expect.poll(() => heard).toEqual(["a"]);
  });

  // A lost connection may have missed notices: the feed says so (callers stop trusting their
  // caches), reports a reset, and comes back by itself.
  it("stops listening when its connection is cut, resets, and listens again", async () => {
    let resets = 0;
    const feed = listenForChanges("test_feed_cut", { notice: () => {}, reset: () => resets++ });
    await expect.poll(() => feed.listening(), { timeout: 10_000 }).toBe(true);
    const before = { resets, generation: feed.generation() };
    const admin = rawPool();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "test_feed_cut"'`);
    await expect.poll(() => resets, { timeout: 10_000 }).toBeGreaterThan(before.resets);
    await expect.poll(() => feed.listening(), { timeout: 10_000 }).toBe(true);
    expect(feed.generation()).toBeGreaterThan(before.generation);
    const heard: string[] = [];
    const again = listenForChanges("test_feed_cut", { notice: (p) => heard.push(p), reset: () => {} });
    await expect.poll(() => again.listening(), { timeout: 10_000 }).toBe(true);
    await admin.query("SELECT pg_notify('test_feed_cut', 'after')");
    await expect.poll(() => heard).toEqual(["after"]);
  });
});
