// The HTTP edge on the running server (scripts/serve.ts in front of Next): security headers on
// every kind of answer, the portal rendering under its Content-Security-Policy, and the
// requests that used to turn into a 500 or run unbounded.
import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./portal/fixtures";
import { waitForContent } from "./portal/every-page";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["content-security-policy"], what).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"], what).toMatch(/object-src 'none'/);
  expect(headers["content-security-policy"], what).not.toMatch(/unsafe-eval/);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  // Plain http, no trusted proxy: a client's X-Forwarded-Proto doesn't make it https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("every kind of answer carries the security headers", async ({ request }) => {
  const https = { "x-forwarded-proto": "https" };
  const cases: [what: string, path: string, status: number][] = [
    ["a page", "/login", 200],
    ["an API route", "/api/v1/ping", 200],
    ["an API error", "/api/v1/points/balance?email=nobody@e2e.test", 401],
    ["a 404 page", "/no-such-page", 404],
    ["an API 404", "/api/v1/no-such-route", 404],
  ];
  for (const [what, path, status] of cases) {
    const response = await request.get(path, { headers: https, maxRedirects: 0 });
    expect(response.status(), what).toBe(status);
    expectSecurityHeaders(response, what);
  }
});

test("a malformed %-sequence in the path is a 400, with the REST envelope under /api/", async ({ request }) => {
  const api = await request.get("/api/v1/customers/%E0%A4%A");
  expect(api.status()).toBe(400);
  expect(await api.json()).toEqual({ success: false, error: expect.stringMatching(/malformed/), code: "VALIDATION_ERROR" });
  expectSecurityHeaders(api, "the API's 400");
  const page = await request.get("/customers/%E0%A4%A");
  expect(page.status()).toBe(400);
  expectSecurityHeaders(page, "a page's 400");
});

test("a tRPC batch of more than 20 calls is refused with 400", async ({ request }) => {
  const batch = (n: number) => `/api/trpc/${Array(n).fill("health").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`;
  expect((await request.get(batch(20))).status()).toBe(200);
  expect((await request.get(batch(21))).status()).toBe(400);
});

// Chromium reports a refused script, style, image or connection as a console error naming the
// Content Security Policy.
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the portal renders with no CSP violation", async ({ ownerPage: page, seed }) => {
  const violations = cspViolations(page);
  for (const path of ["/customers", `/customers/${seed.customers[0]!.id}`, "/analytics", "/audit", "/team", "/api-keys", "/settings", "/docs"]) {
    await page.goto(path);
    // Rendered with its data: every script and style the page uses has loaded (and been checked
    // against the policy) by then. Not "networkidle": pages that poll never go quiet for long.
    await waitForContent(page);
  }
  // Client-side navigation and a tRPC round trip, under the same policy.
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the sign-in page renders with no CSP violation", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = cspViolations(page);
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
  await context.close();
});

test("the customer CSV export is for owners only", async ({ staffPage, ownerPage }) => {
  const refused = await staffPage.request.get("/customers/export");
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("@");
  await staffPage.goto("/customers");
  await expect(staffPage.getByTestId("customer-row").first()).toBeVisible();
  await expect(staffPage.getByTestId("export-csv")).toHaveCount(0);
  const allowed = await ownerPage.request.get("/customers/export");
  expect(allowed.status()).toBe(200);
  expect(allowed.headers()["content-type"]).toContain("text/csv");
});

test("a malformed business cookie is ignored: the portal and its tRPC calls still answer", async ({ ownerPage: page, baseURL }) => {
  await page.context().addCookies([{ name: "ll_business", value: "%E0%A4%A", url: baseURL! }]);
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  const trpc = await page.request.get(`/api/trpc/session.me?input=${encodeURIComponent("{}")}`);
  expect(trpc.status()).toBe(200);
});
