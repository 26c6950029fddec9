// No single point of stall: one customer row held by a long transaction, or a pool with every
// connection taken, answers 503 with Retry-After (the request was not applied) instead of
// hanging or a 500, and nobody else waits for it. Timeouts are small here through the same
// settings production uses; the assertions are on outcomes and order, never on elapsed time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "../app/api/v1/health/route";
import { GET as balance } from "../app/api/v1/points/balance/route";
import { POST as award } from "../app/api/v1/points/award/route";
import { db, rawPoolOf } from "../server/db/client";
import { callerFor, makePortalBusiness } from "../server/trpc/portal-fixtures";
import { call } from "./api";
import { entriesOf, expectUnavailable, shopWithCustomer, type Shop } from "./unavailable";

// Read once, on the first database call: before it.
process.env.DATABASE_LOCK_TIMEOUT_MS = "300";
// Not smaller: opening a connection (a backend fork and SCRAM) took over 500 ms on a busy
// 2-core CI machine, and the setup failed before any test ran.
process.env.DATABASE_CONNECT_TIMEOUT_MS = "3000";
process.env.DATABASE_POOL_SIZE = "6";

describe("a customer row held by a long transaction", () => {
  let holder: pg.Client;
  let locked: Shop;
  let sameShopCustomer: string;
  let otherShop: Shop;

  beforeAll(async () => {
    locked = await shopWithCustomer("locked@example.com");
    sameShopCustomer = ((await call("POST", award, { key: locked.key, body: { customerEmail: "neighbour@example.com", amount: 10 } })).data.transaction as { customerId: string }).customerId;
    otherShop = await shopWithCustomer("elsewhere@example.com");
    holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT id FROM customers WHERE business_id = $1 AND id = $2 FOR UPDATE", [locked.business.id, locked.customerId]);
  });
  afterAll(() => holder?.end());

  it("answers 503 with Retry-After for that customer's write, and writes nothing", async () => {
    const write = await call("POST", award, { key: locked.key, body: { customerId: locked.customerId, amount: 5, idempotencyKey: "held-1" } });
    expectUnavailable(write);
    expect(await entriesOf(locked.business.id, locked.customerId)).toBe(1);
  });

  it("meanwhile serves the same shop's other customers and another shop, reads and writes", async () => {
    const neighbour = await call("POST", award, { key: locked.key, body: { customerId: sameShopCustomer, amount: 7 } });
    expect(neighbour.status).toBe(201);
    expect(neighbour.data.balance).toBe(17);
    const elsewhere = await call("POST", award, { key: otherShop.key, body: { customerId: otherShop.customerId, amount: 3 } });
    expect(elsewhere.status).toBe(201);
    const read = await call("GET", balance, { key: otherShop.key, query: { customerId: otherShop.customerId } });
    expect(read.status).toBe(200);
    expect(read.data.balance).toBe(13);
    // A read of the locked customer itself doesn't wait for the lock either.
    const lockedRead = await call("GET", balance, { key: locked.key, query: { customerId: locked.customerId } });
    expect(lockedRead.data.balance).toBe(10);
    expect((await call("GET", health)).status).toBe(200);
  });

  it("answers the portal with a SERVICE_UNAVAILABLE tRPC error, not an internal one", async () => {
    const portal = await makePortalBusiness("stall");
    const row = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await row.connect();
    try {
      await row.query("BEGIN");
      await row.query("SELECT id FROM customers WHERE business_id = $1 AND id = $2 FOR UPDATE", [portal.business.id, portal.customerId]);
      const caller = callerFor(portal.staff, portal.business.id);
      await expect(caller.customers.setStatus({ id: portal.customerId, status: "BLOCKED" })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      await expect(caller.points.adjust({ customerId: portal.customerId, points: 5, reason: "held" })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    } finally {
      await row.end();
    }
  });

  it("takes the write once the lock is released, retried with the same key", async () => {
    await holder.query("ROLLBACK");
    const write = await call("POST", award, { key: locked.key, body: { customerId: locked.customerId, amount: 5, idempotencyKey: "held-1" } });
    expect(write.status).toBe(201);
    expect(write.data.balance).toBe(15);
    expect(await entriesOf(locked.business.id, locked.customerId)).toBe(2);
  });
});

describe("a saturated pool", () => {
  it("answers 503 from a route and from /health within the checkout timeout, then recovers", async () => {
    const shop = await shopWithCustomer("busy@example.com");
    const pool = rawPoolOf(db)!;
    const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    try {
      expectUnavailable(await call("GET", balance, { key: shop.key, query: { customerId: shop.customerId } }));
      expectUnavailable(await call("POST", award, { key: shop.key, body: { customerId: shop.customerId, amount: 1 } }));
      const check = await call("GET", health);
      expectUnavailable(check);
      expect(check.json.error).toMatch(/saturated/);
    } finally {
      for (const client of held) client.release();
    }
    expect((await call("GET", balance, { key: shop.key, query: { customerId: shop.customerId } })).data.balance).toBe(10);
    expect((await call("GET", health)).status).toBe(200);
  });
});
