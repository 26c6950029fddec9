// Shared by the database stall and outage tests: a shop with one enrolled customer, and what
// a "the database can't serve this now" answer looks like.
import { expect } from "vitest";
import { POST as award } from "../app/api/v1/points/award/route";
import { db } from "../server/db/client";
import { businessWithKey, call } from "./api";

export type Shop = Awaited<ReturnType<typeof businessWithKey>> & { customerId: string };

export async function shopWithCustomer(email: string): Promise<Shop> {
  const shop = await businessWithKey();
  const first = await call("POST", award, { key: shop.key, body: { customerEmail: email, amount: 10 } });
  expect(first.status).toBe(201);
  return { ...shop, customerId: (first.data.transaction as { customerId: string }).customerId };
}

export async function entriesOf(businessId: string, customerId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ledger_entries WHERE business_id = ${businessId}::uuid AND customer_id = ${customerId}::uuid`;
  return row!.n;
}

export const expectUnavailable = (response: Awaited<ReturnType<typeof call>>) => {
  expect(response.status).toBe(503);
  expect(response.json).toMatchObject({ success: false, code: "SERVICE_UNAVAILABLE" });
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
};
