// Every portal page (app/(dashboard)/**/page.tsx) with something in each list, for the checks
// that run on all of them (every-page.spec.ts: axe, phone width, dark mode). Empty states would
// hide the wide tables.
import { createRequire } from "node:module";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { callApi } from "./call-api";
import type { PortalSeed } from "./fixtures";

export type Ids = { orderId: string; webhookId: string; customerId: string };

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

// Static names (test titles are fixed before any data exists); paths from the filled lists.
export const PORTAL_PAGES: { name: string; path: (ids: Ids) => string }[] = [
  { name: "customers", path: () => "/customers" },
  { name: "customer-detail", path: (ids) => `/customers/${ids.customerId}` },
  { name: "customer-add", path: () => "/customers/new" },
  { name: "customer-edit", path: (ids) => `/customers/${ids.customerId}/edit` },
  { name: "import", path: () => "/customers/import" },
  { name: "orders", path: () => "/orders" },
  { name: "order-detail", path: (ids) => `/orders/${ids.orderId}` },
  { name: "products", path: () => "/products" },
  { name: "referrals", path: () => "/referrals" },
  { name: "campaigns", path: () => "/campaigns" },
  { name: "rewards", path: () => "/rewards" },
  { name: "stores", path: () => "/stores" },
  { name: "team", path: () => "/team" },
  { name: "settings", path: () => "/settings" },
  { name: "widget", path: () => "/widget" },
  { name: "audit", path: () => "/audit" },
  { name: "analytics", path: () => "/analytics" },
  { name: "api-keys", path: () => "/api-keys" },
  { name: "webhooks", path: () => "/webhooks" },
  { name: "webhook-detail", path: (ids) => `/webhooks/${ids.webhookId}` },
  { name: "account", path: () => "/account" },
];

// The page's heading is shown and its data is in: no loading placeholders left.
// Generous limits: a detail page renders after its tRPC call, which waits its turn on a shared,
// busy machine; a page that never renders still fails, naming the heading it missed.
export const CONTENT_TIMEOUT = 15_000;
export async function waitForContent(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: CONTENT_TIMEOUT });
  await expect(page.locator('[aria-busy="true"], .animate-pulse')).toHaveCount(0, { timeout: CONTENT_TIMEOUT });
}

export const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

// The theme script follows the system's scheme as it changes (app/theme-script.ts), so the same
// document turns dark or light without a reload. Colour transitions are let finish: axe and the
// screenshot would otherwise see colours half-way.
export async function switchScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  await expect.poll(() => isDark(page)).toBe(scheme === "dark");
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => {}))));
}

// axe-core injected into the page (not @axe-core/playwright: its current release needs Node 22).
// Answers the serious and critical WCAG 2.1 A/AA findings, each with its rule and first elements.
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

// `where` names the page and the view (width, theme) in every finding.
export async function seriousFindings(page: Page, where: string): Promise<string[]> {
  // Once per document: the sweep runs axe several times on one page.
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    // Violations only: the passes' details, which nothing reads, were much of axe's time.
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

// The page must not scroll sideways at its current width. Polled: charts and tables settle a
// frame or two after the window changes (their resize observers). Answers what sticks out, or
// nothing when it fits.
export async function sidewaysOverflow(page: Page, where: string): Promise<string | null> {
  const fits = await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0)
    .then(() => true, () => false);
  if (fits) return null;
  // The outermost elements past the right edge, to say where to look.
  const culprits = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Inside a box that clips or scrolls sideways, sticking out is that box's business.
    const clipped = (el: Element) => {
      for (let up = el.parentElement; up; up = up.parentElement) if (getComputedStyle(up).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el));
    return wide
      .filter((el) => !wide.includes(el.parentElement!))
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${Math.round(el.getBoundingClientRect().right)}px`);
  });
  return `${where}: scrolls sideways: ${culprits.join("; ")}`;
}
