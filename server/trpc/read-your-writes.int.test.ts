// With a read replica, a browser that has just written reads its lists from the primary for a
// few seconds (the ll_wrote cookie); everyone else reads the replica. Through the portal's real
// tRPC endpoint, against a stand-in replica holding different data (test/replica-database.ts).
import { describe, expect, it, vi } from "vitest";
import { replicaDatabase } from "../../test/replica-database";
import { db } from "../db/client";
import type { SessionUser } from "../auth/current-membership";
import { makePortalBusiness } from "./portal-fixtures";
import { READ_PRIMARY_SECONDS, WROTE_COOKIE } from "./read-your-writes";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../auth/portal-session", () => ({ sessionUser: async () => session.user }));

const { mirrorBusiness } = await replicaDatabase();
const { business, owner } = await makePortalBusiness("ryw");
await mirrorBusiness(business.id, 5);
session.user = owner;
const { GET, POST } = await import("../../app/api/trpc/[trpc]/route");

const listNames = async (cookie?: string) => {
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { perPage: 100 } } }));
  const response = await GET(new Request(`http://localhost/api/trpc/customers.list?batch=1&input=${input}`, { headers: cookie ? { cookie } : {} }));
  const [body] = (await response.json()) as { result: { data: { json: { items: { name: string }[] } } } }[];
  return body!.result.data.json.items.map((c) => c.name).sort();
};

describe("read-your-writes in the portal", () => {
  it("a successful write sets a short cookie; with it the list reads the primary, without it the replica", async () => {
    const response = await POST(
      new Request("http://localhost/api/trpc/customers.create?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { name: "Added a moment ago", email: "moment@example.com" } } }),
      }),
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${WROTE_COOKIE}=`));
    expect(cookie).toContain(`Max-Age=${READ_PRIMARY_SECONDS}`);
    expect(await db.customer.count({ where: { businessId: business.id, name: "Added a moment ago" } })).toBe(1);

    expect(await listNames()).toEqual(["Only on the replica"]);
    expect(await listNames(cookie!.split(";")[0])).toEqual(["Added a moment ago", "Pat Customer"]);
  });

  it("a refused write sets no cookie, and neither does a read", async () => {
    const refused = await POST(
      new Request("http://localhost/api/trpc/customers.create?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { name: "No contact" } } }),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.getSetCookie().filter((c) => c.startsWith(`${WROTE_COOKIE}=`))).toEqual([]);
    const input = encodeURIComponent(JSON.stringify({ 0: { json: {} } }));
    const read = await GET(new Request(`http://localhost/api/trpc/customers.list?batch=1&input=${input}`));
    expect(read.headers.getSetCookie()).toEqual([]);
  });
});
