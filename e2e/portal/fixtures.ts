// Portal e2e fixtures: one seeded business per Playwright worker (workerIndex-unique names), a
// sign-in helper, and the public API called with a Bearer key.
import { execFileSync } from "node:child_process";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

export type PortalSeed = {
  businessId: string;
  secondBusiness: { id: string; name: string };
  owner: { email: string; password: string };
  staff: { email: string; password: string };
  apiKey: string;
  customers: { id: string; email: string }[];
  ledger: { net: number; earned: number; redeemed: number };
};

// The e2e server's data dir: playwright.config.ts starts it on .data/e2e; a server started by
// hand for a parallel run can live elsewhere (E2E_DATA_DIR).
const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";

function seedBusiness(tag: string): PortalSeed {
  const out = execFileSync("npx", ["tsx", "e2e/portal/seed-portal.ts", tag], {
    env: { ...process.env, DATA_DIR, EMBEDDED_PG_PORT: "0" },
    encoding: "utf8",
    timeout: 120_000,
  });
  const line = out.split("\n").find((l) => l.startsWith("SEED "));
  if (!line) throw new Error(`seed-portal printed no result:\n${out}`);
  return JSON.parse(line.slice(5)) as PortalSeed;
}

// `seed` is shared by a worker's tests (which move its points); `freshSeed` is a business no
// other test touches, for assertions on exact totals.
export const test = base.extend<{ freshSeed: PortalSeed }, { seed: PortalSeed }>({
  freshSeed: async ({}, provide, testInfo) => {
    await provide(seedBusiness(`t${testInfo.workerIndex}-${Date.now().toString(36)}`));
  },
  seed: [
    async ({}, provide, workerInfo) => {
      await provide(seedBusiness(`w${workerInfo.workerIndex}-${Date.now().toString(36)}`));
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

export { expect };

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/customers$/);
}

export async function callApi(request: APIRequestContext, key: string, path: string, body?: unknown) {
  const headers = { authorization: `Bearer ${key}` };
  const response = body === undefined ? await request.get(path, { headers }) : await request.post(path, { headers, data: body });
  return { status: response.status(), json: (await response.json()) as { success: boolean; data?: Record<string, unknown>; code?: string } };
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
