// DATABASE_REPLICA_URL against a stand-in replica holding different data (test/replica-database.ts):
// the chosen reads come from it, writes and read-your-writes paths from the primary.
import { freePort } from "./embedded-postgres";
import { describe, expect, it, vi } from "vitest";
import { defaultRange } from "../analytics/analytics-range";
import { env } from "../env";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { businessWithKey, call } from "../../test/api";
import { replicaDatabase } from "../../test/replica-database";
import { expectUnavailable } from "../../test/unavailable";
import { createDb, db } from "./client";
import type { PortalSession } from "../auth/portal-session";

const session = vi.hoisted(() => ({ current: null as PortalSession | null }));
// The CSV exports sit behind the portal's next-auth session: faked, as the tRPC tests do.
vi.mock("../auth/portal-session", () => ({
  portalSession: async () => session.current,
  sessionUser: async () => session.current?.user ?? null,
}));

const { pool: replicaPool, mirrorBusiness } = await replicaDatabase();
const { business, owner, customerId } = await makePortalBusiness("replica");
const replicaCustomerId = await mirrorBusiness(business.id, 777);
const owners = callerFor(owner, business.id);
const ownerSession = (b: { id: string; name: string; slug: string }): PortalSession => ({
  user: owner,
  membership: { role: "OWNER", business: { id: b.id, name: b.name, slug: b.slug }, memberships: [{ businessId: b.id, name: b.name, role: "OWNER" }] },
});

describe("DATABASE_REPLICA_URL", () => {
  it("is the setting this process runs with", () => {
    expect(env().DATABASE_REPLICA_URL).toBe(process.env.DATABASE_REPLICA_URL);
  });

  it("portal lists and analytics read the replica", async () => {
    const list = await owners.customers.list({});
    expect(list.items.map((c) => c.name)).toEqual(["Only on the replica"]);
    expect(list.items[0]!.balance).toBe(777);

    const audit = await owners.audit.list({});
    expect(audit.items.map((a) => a.action)).toEqual(["replica.only"]);

    const analytics = await owners.analytics.summary(defaultRange(new Date(), 30));
    expect(analytics.liability.points).toBe(777);
    expect(analytics.customers.total).toBe(1);
    expect(analytics.topCustomers.map((c) => c.id)).toEqual([replicaCustomerId]);
  });

  it("the analytics rollup is written (and read back) on the primary, never the replica", async () => {
    await owners.analytics.summary(defaultRange(new Date(), 30));
    const [primaryDays] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM analytics_daily WHERE business_id = ${business.id}::uuid`;
    const replicaDays = await replicaPool.query("SELECT count(*)::int AS n FROM analytics_daily WHERE business_id = $1", [business.id]);
    expect(Number(primaryDays!.n)).toBeGreaterThan(0);
    expect(replicaDays.rows[0].n).toBe(0);
  });

  it("writes and the pages that read them back use the primary", async () => {
    const created = await owners.customers.create({ name: "Added just now", email: "added@example.com" });
    expect((await owners.customers.get({ id: created.customer.id })).name).toBe("Added just now");
    // The ledger and balances: the primary's customer, with the primary's 300 points.
    expect((await owners.points.balance({ customerId })).balance).toBe(300);
    expect((await owners.points.history({ customerId })).items).toHaveLength(1);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(2);
    const onReplica = await replicaPool.query("SELECT count(*)::int AS n FROM customers WHERE business_id = $1", [business.id]);
    expect(onReplica.rows[0].n).toBe(1);
  });

  it("the customers CSV export reads the replica", async () => {
    session.current = ownerSession(business);
    const { GET } = await import("../../app/(dashboard)/customers/export/route");
    const csv = await (await GET(new Request("http://localhost/customers/export"))).text();
    expect(csv).toContain("Only on the replica");
    expect(csv).not.toContain("Pat Customer");
  });

  it("REST: API keys and POST on the primary, GET /customers and GET /orders from the replica", async () => {
    const { business: apiBusiness, key } = await businessWithKey();
    await mirrorBusiness(apiBusiness.id, 5);
    const orders = await import("../../app/api/v1/orders/route");
    const customers = await import("../../app/api/v1/customers/route");
    const order = { externalId: "SO-1", customerEmail: "buyer@example.com", currency: "USD", subtotal: 1000, status: "PAID", items: [{ productExternalId: "mug", quantity: 1, unitPrice: 1000 }] };
    expect((await call("POST", orders.POST, { key, body: order })).status).toBe(201);
    expect(await db.order.count({ where: { businessId: apiBusiness.id } })).toBe(1);

    const orderList = await call("GET", orders.GET, { key });
    expect(orderList.status).toBe(200);
    expect(orderList.data.items).toEqual([]);
    const customerList = await call("GET", customers.GET, { key });
    expect((customerList.data.items as { name: string }[]).map((c) => c.name)).toEqual(["Only on the replica"]);

    // The orders export: the replica has no orders for this business, so a header only.
    const exportRoute = await import("../../app/(dashboard)/orders/export/route");
    session.current = ownerSession(apiBusiness);
    const csv = (await (await exportRoute.GET(new Request("http://localhost/orders/export"))).text()).trim().split("\n");
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatch(/^order_id,/);
  });

  it("a replica that is down: its reads answer 503 (no fallback), writes and the ledger carry on", async () => {
    const { business: apiBusiness, key } = await businessWithKey();
    const customers = await import("../../app/api/v1/customers/route");
    const balance = await import("../../app/api/v1/points/balance/route");
    const cached = globalThis as unknown as { __loyaltyReadDb?: typeof db };
    const live = cached.__loyaltyReadDb;
    const port = await freePort();
    const url = new URL(process.env.DATABASE_REPLICA_URL!);
    url.host = `127.0.0.1:${port}`;
    url.search = "";
    cached.__loyaltyReadDb = createDb(url.toString(), 2);
    try {
      expectUnavailable(await call("GET", customers.GET, { key }));
      const created = await call("POST", customers.POST, { key, body: { name: "While the replica is down", email: "while-down@example.com", initialPoints: 10 } });
      expect(created.status).toBe(201);
      const { id } = created.data.customer as { id: string };
      const read = await call("GET", balance.GET, { key, query: { customerId: id } });
      expect(read.data.balance).toBe(10);
      expect(await db.customer.count({ where: { businessId: apiBusiness.id } })).toBe(1);
    } finally {
      await cached.__loyaltyReadDb.$disconnect();
      cached.__loyaltyReadDb = live;
    }
  });
});
