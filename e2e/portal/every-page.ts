// Every portal page (app/(dashboard)/**/page.tsx) with something in each list, for the checks
// that run on all of them (phone width, accessibility). Empty states would hide the wide tables.
import { createRequire } from "node:module";
import type { APIRequestContext, Page } from "@playwright/test";
import { callApi, expect, type PortalSeed } from "./fixtures";

type Ids = { orderId: string; webhookId: string; customerId: string };

// Things every list page can show a row of; ids for the detail pages.
export async function fillLists(request: APIRequestContext, seed: PortalSeed, tag: string): Promise<Ids> {
  const key = seed.apiKey;
  // A customer of its own: the seed's customers keep the balances other specs count on.
  const order = await callApi(request, key, "/api/v1/orders", {
    externalId: `PHONE-${tag}`, customerEmail: `pages-${tag}@e2e.test`, currency: "USD", subtotal: 4500, status: "PAID",
    items: [{ productExternalId: `beans-${tag}`, quantity: 1, unitPrice: 4500 }],
  });
  expect(order.status).toBe(201);
  const customerId = String(order.json.data?.customerId);
  const product = await request.put(`/api/v1/products/phone-${tag}`, {
    headers: { authorization: `Bearer ${key}` },
    data: { name: "A flat white with a long name for a narrow screen", sku: `FW-${tag}`, category: "Hot drinks", priceMinor: 450 },
  });
  expect(product.ok()).toBe(true);
  const created = await Promise.all([
    callApi(request, key, "/api/v1/rewards", { title: `Free coffee ${tag}`, pointsCost: 100 }),
    callApi(request, key, "/api/v1/stores", { name: `Downtown ${tag}`, code: `DT-${tag}`, address: "1 Main Street, Springfield" }),
    callApi(request, key, "/api/v1/campaigns", { name: `Double points ${tag}`, kind: "MULTIPLIER", multiplierPercent: 200, startsAt: "2026-01-01T00:00:00Z", endsAt: "2036-01-01T00:00:00Z" }),
    callApi(request, key, "/api/v1/referrals", { referrer: customerId, refereeEmail: `friend-${tag}@e2e.test` }),
    callApi(request, key, "/api/v1/webhooks", { url: `https://hooks.example.com/${tag}/a/rather/long/path/for/a/phone`, events: ["badge.awarded"], description: "Phone check" }),
  ]);
  for (const { status, json } of created) expect(status, JSON.stringify(json)).toBe(201);
  return { orderId: String(order.json.data?.id), webhookId: String((created[4].json.data?.endpoint as { id: string }).id), customerId };
}

export function portalPages(ids: Ids): [path: string, name: string][] {
  return [
    ["/customers", "customers"],
    [`/customers/${ids.customerId}`, "customer-detail"],
    ["/customers/import", "import"],
    ["/orders", "orders"],
    [`/orders/${ids.orderId}`, "order-detail"],
    ["/products", "products"],
    ["/referrals", "referrals"],
    ["/campaigns", "campaigns"],
    ["/rewards", "rewards"],
    ["/stores", "stores"],
    ["/team", "team"],
    ["/settings", "settings"],
    ["/audit", "audit"],
    ["/analytics", "analytics"],
    ["/api-keys", "api-keys"],
    ["/webhooks", "webhooks"],
    [`/webhooks/${ids.webhookId}`, "webhook-detail"],
    ["/account", "account"],
  ];
}

// The page's heading is shown and its data is in: no loading placeholders left.
export async function waitForContent(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"], .animate-pulse')).toHaveCount(0);
}

// axe-core injected into the page (not @axe-core/playwright: its current release needs Node 22).
// Answers the serious and critical WCAG 2.1 A/AA findings, each with its rule and first elements.
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

export async function seriousFindings(page: Page, path: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}
