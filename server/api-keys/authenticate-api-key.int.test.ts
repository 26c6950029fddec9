import { describe, expect, it } from "vitest";
import { createKey } from "../../test/api";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { resolveClientAddress } from "../http/resolve-client-address";
import { rawPool } from "../../test/test-database";
import { apiKeyChanges, authenticateApiKey } from "./authenticate-api-key";
import { revokeApiKey } from "./manage-api-keys";

const headers = (key: string, from = "203.0.113.7") => new Headers({ authorization: `Bearer ${key}`, [CLIENT_ADDRESS_HEADER]: from });
// What a request from `socket` carries once our HTTP server (server/http/edge-listener.ts) has
// named its address; no proxy trusted, as by default.
const viaServer = (key: string, socket: string, forwardedFor: string) =>
  new Headers({ authorization: `Bearer ${key}`, "x-forwarded-for": forwardedFor, [CLIENT_ADDRESS_HEADER]: resolveClientAddress(socket, forwardedFor, []) });

describe("authenticateApiKey", () => {
  it("accepts a key by either header and refuses it right after revocation, even when cached", async () => {
    const { business, actor } = await makeBusiness();
    const { id, key } = await createKey(business.id, { scopes: ["points:read"] });
    expect(await authenticateApiKey(headers(key))).toMatchObject({ id, businessId: business.id, scopes: ["points:read"] });
    expect((await authenticateApiKey(new Headers({ "x-api-key": key }))).id).toBe(id); // now served from the cache
    await revokeApiKey(db, actor, { id });
    await expect(authenticateApiKey(headers(key))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  // What another app process, the CLI or a SQL session does reaches this process's cache through
  // the api_keys triggers' NOTIFY: here a plain UPDATE on a connection of its own.
  it("drops a cached key when another connection revokes it or changes its scopes", async () => {
    const { business } = await makeBusiness();
    const { id, key } = await createKey(business.id, { scopes: ["points:read"] });
    const elsewhere = rawPool();
    await expect.poll(() => apiKeyChanges.listening(), { timeout: 10_000 }).toBe(true);
    expect((await authenticateApiKey(headers(key))).scopes).toEqual(["points:read"]); // read, and cached
    expect((await authenticateApiKey(headers(key))).scopes).toEqual(["points:read"]);

    const heard = apiKeyChanges.generation();
    await elsewhere.query(`UPDATE api_keys SET scopes = '{points:write}' WHERE business_id = $1 AND id = $2`, [business.id, id]);
    await expect.poll(() => apiKeyChanges.generation(), { timeout: 10_000 }).toBeGreaterThan(heard);
    expect((await authenticateApiKey(headers(key))).scopes).toEqual(["points:write"]);

    await elsewhere.query(`UPDATE api_keys SET revoked_at = now() WHERE business_id = $1 AND id = $2`, [business.id, id]);
    await expect.poll(() => authenticateApiKey(headers(key)).then(() => "accepted", (e: { code?: string }) => e.code), { timeout: 10_000 }).toBe("UNAUTHORIZED");
  });

  // last_used_at is written once a minute per key in use: no notice, no cache churn.
  it("sends no notice when only lastUsedAt moves", async () => {
    const { business } = await makeBusiness();
    const { id } = await createKey(business.id);
    const listener = rawPool();
    const client = await listener.connect();
    const notices: string[] = [];
    client.on("notification", (n) => notices.push(n.payload ?? ""));
    await client.query("LISTEN ll_api_key_changed");
    await db.apiKey.update({ where: { businessId_id: { businessId: business.id, id } }, data: { lastUsedAt: new Date() } });
    await db.apiKey.update({ where: { businessId_id: { businessId: business.id, id } }, data: { name: "Renamed" } });
    // Notices arrive in commit order: once this marker is in, any earlier one is too.
    await db.$executeRaw`SELECT pg_notify('ll_api_key_changed', 'marker')`;
    await expect.poll(() => notices.at(-1)).toBe("marker");
    const { hash } = await db.apiKey.findFirstOrThrow({ where: { id } });
    expect(notices).toEqual([hash, "marker"]);
    client.release();
  });

  it("records lastUsedAt", async () => {
    const { business } = await makeBusiness();
    const { id, key } = await createKey(business.id);
    await authenticateApiKey(headers(key, "203.0.113.8"));
    await expect.poll(async () => (await db.apiKey.findFirstOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("limits guessing: after 30 invalid keys from one address it answers 429, others unaffected", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id);
    for (let i = 0; i < 30; i++) {
      await expect(authenticateApiKey(headers(`ll_live_guess${i}`, "198.51.100.9"))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(authenticateApiKey(headers("ll_live_guess-more", "198.51.100.9"))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect((await authenticateApiKey(headers(key, "198.51.100.10"))).businessId).toBe(business.id);
  });

  it("counts failures by the address our server names: a made-up X-Forwarded-For neither escapes the limit nor frames another client", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id);
    // The guesser names the victim's address, a fresh one on each try.
    for (let i = 0; i < 30; i++) {
      await expect(authenticateApiKey(viaServer(`ll_live_spoof${i}`, "::ffff:198.51.100.20", `198.51.100.21, 10.0.${i}.1`))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(authenticateApiKey(viaServer("ll_live_spoof-more", "198.51.100.20", "192.0.2.99"))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // The address it named is untouched: a valid key from there (never cached yet) works.
    expect((await authenticateApiKey(viaServer(key, "198.51.100.21", "198.51.100.20"))).businessId).toBe(business.id);
  });

  it("explains a missing key and refuses a key of the wrong shape without a lookup", async () => {
    await expect(authenticateApiKey(new Headers())).rejects.toThrow(/Missing API key/);
    await expect(authenticateApiKey(headers("sk_test_123"))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
