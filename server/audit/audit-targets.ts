// The names an audit page's rows point at, looked up in one query per kind of target (a page
// holds at most 100 rows): a customer by name (or email, or phone), a key by name, an endpoint
// by URL, and so on, each with the portal page that shows it. What no longer exists has no
// name; an erased customer is named as such and not linked (there is nothing left to show).
import type { DbOrTx } from "../db/client";
import { webhookUrlWithoutQuery } from "../webhooks/webhook-url";

export type AuditTarget = { name: string | null; href: string | null };
type Ref = { targetType: string | null; targetId: string | null };

const key = (type: string, id: string) => `${type}:${id}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function auditTargets(db: DbOrTx, businessId: string, rows: Ref[]): Promise<Map<string, AuditTarget>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId && UUID.test(r.targetId)).map((r) => r.targetId!))];
  const only = <T>(list: string[], load: (list: string[]) => Promise<T[]>) => (list.length ? load(list) : Promise.resolve([] as T[]));
  const [customers, keys, endpoints, rewards, campaigns, stores, products, users] = await Promise.all([
    only(ids("customer"), (id) => db.customer.findMany({ where: { businessId, id: { in: id } }, select: { id: true, name: true, email: true, phone: true, erasedAt: true } })),
    only(ids("api_key"), (id) => db.apiKey.findMany({ where: { businessId, id: { in: id } }, select: { id: true, name: true } })),
    only(ids("webhook_endpoint"), (id) => db.webhookEndpoint.findMany({ where: { businessId, id: { in: id } }, select: { id: true, url: true } })),
    only(ids("reward"), (id) => db.reward.findMany({ where: { businessId, id: { in: id } }, select: { id: true, title: true } })),
    only(ids("campaign"), (id) => db.campaign.findMany({ where: { businessId, id: { in: id } }, select: { id: true, name: true } })),
    only(ids("store"), (id) => db.store.findMany({ where: { businessId, id: { in: id } }, select: { id: true, name: true } })),
    only(ids("product"), (id) => db.product.findMany({ where: { businessId, id: { in: id } }, select: { id: true, name: true } })),
    // People are global: only ids from this business's own log rows are asked for (a role
    // change, a removal, a reset), so a former member shows under their current name.
    only(ids("user"), (id) => db.user.findMany({ where: { id: { in: id } }, select: { id: true, name: true, email: true } })),
  ]);
  const found = new Map<string, AuditTarget>();
  for (const c of customers) {
    found.set(key("customer", c.id), c.erasedAt ? { name: "an erased customer", href: null } : { name: c.name ?? c.email ?? c.phone ?? "a customer", href: `/customers/${c.id}` });
  }
  for (const k of keys) found.set(key("api_key", k.id), { name: k.name, href: "/api-keys" });
  for (const e of endpoints) found.set(key("webhook_endpoint", e.id), { name: webhookUrlWithoutQuery(e.url), href: `/webhooks/${e.id}` });
  for (const r of rewards) found.set(key("reward", r.id), { name: r.title, href: "/rewards" });
  for (const c of campaigns) found.set(key("campaign", c.id), { name: c.name, href: "/campaigns" });
  for (const s of stores) found.set(key("store", s.id), { name: s.name, href: "/stores" });
  for (const p of products) found.set(key("product", p.id), { name: p.name, href: "/products" });
  for (const u of users) found.set(key("user", u.id), { name: u.name ?? u.email, href: "/team" });
  return found;
}

export function targetOf(targets: Map<string, AuditTarget>, row: Ref): AuditTarget {
  if (row.targetType === "business") return { name: "settings", href: "/settings" };
  if (!row.targetType || !row.targetId) return { name: null, href: null };
  return targets.get(key(row.targetType, row.targetId)) ?? { name: null, href: null };
}
