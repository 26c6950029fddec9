// Warm-up before the first test. `next start` loads each route's code, connects Prisma and JITs
// bcryptjs only on first use; on a busy 2-core machine that made the first sign-in of a run miss
// its timeout. Here every route the tests use is requested once, signed out and then signed in
// as a user seeded for the warm-up, with generous limits, so that tests only ever meet a warm server.
// Runs after `webServer` is up. Playwright wants this file's function as its default export.
import { rmSync } from "node:fs";
import { chromium, request, type FullConfig, type Page } from "@playwright/test";
import { seedBusiness } from "./portal/fixtures";
import { AUTH_DIR, type Credentials } from "./portal/sessions";

const WARM_UP_TIMEOUT = 120_000;
const NO_SUCH_CUSTOMER = "00000000-0000-0000-0000-000000000000";
const DASHBOARD = ["/customers", `/customers/${NO_SUCH_CUSTOMER}`, "/analytics", "/audit", "/team", "/api-keys", "/webhooks", `/webhooks/${NO_SUCH_CUSTOMER}`, "/settings", "/account"];
// Signed out, these answer 401 or a redirect, which still loads each route's code.
const REQUESTS: [method: "get" | "post", path: string][] = [
  ["get", "/"],
  ["get", "/login"],
  ["get", "/api/v1/ping"],
  ["get", "/api/trpc/health"],
  ["get", "/api/auth/session"],
  ["get", "/customers/export"],
  ["get", "/orders"],
  ["get", `/orders/${NO_SUCH_CUSTOMER}`],
  ["get", "/orders/export"],
  ["get", "/api/v1/points/balance?email=warm-up@e2e.test"],
  ["post", "/api/v1/points/award"],
  ["post", "/api/v1/points/redeem"],
  // The customer widget's bundle (built on its first request) and its API.
  ["get", "/widget.js"],
  ["get", "/api/widget/v1/pub_warm_up/program"],
  ...DASHBOARD.map((path): ["get", string] => ["get", path]),
];

export default async function warmUp(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]!.use;
  rmSync(AUTH_DIR, { recursive: true, force: true }); // sessions of earlier runs' users
  const started = Date.now();

  const api = await request.newContext({ baseURL, timeout: WARM_UP_TIMEOUT });
  try {
    const health = await api.get("/api/v1/health");
    if (!health.ok()) throw new Error(`e2e server unhealthy before the first test: ${health.status()} ${await health.text()}`);
    for (const [method, path] of REQUESTS) await api[method](path, { maxRedirects: 0, data: method === "post" ? {} : undefined });
  } finally {
    await api.dispose();
  }

  const browser = await chromium.launch(launchOptions);
  try {
    const context = await browser.newContext({ baseURL });
    context.setDefaultTimeout(WARM_UP_TIMEOUT);
    context.setDefaultNavigationTimeout(WARM_UP_TIMEOUT);
    // All at once: each page mostly waits (for hydration, then for its tRPC calls to go quiet),
    // and those waits overlap; one by one they added seconds to every run.
    // Its own business and owner, with a random password like every seeded user: the demo
    // owner's password is random and temporary, so it can't be used here.
    const { owner } = await seedBusiness(`warm-${Date.now().toString(36)}`);
    if (await signInForWarmUp(await context.newPage(), owner)) await Promise.all(DASHBOARD.map(async (path) => visit(await context.newPage(), path)));
  } finally {
    await browser.close();
  }
  console.log(`[e2e] warm-up done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Through the form, so the login server action and bcrypt run once before any test's sign-in.
// If that fails the warm-up goes on signed out rather than failing the run.
async function signInForWarmUp(page: Page, user: Credentials): Promise<boolean> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const signedIn = page.getByTestId("signed-in-user");
  await signedIn.or(page.getByTestId("form-error")).first().waitFor();
  const landed = await signedIn.isVisible();
  if (!landed) console.warn(`[e2e] warm-up: ${user.email} could not sign in; dashboard pages stay cold until the first test`);
  return landed;
}

// Network idle: the dashboard pages fetch their data through tRPC after hydration, and those
// calls are the part of the route worth warming.
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.getByTestId("signed-in-user").waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
}
