// Portal e2e fixtures: one seeded business per Playwright worker (workerIndex-unique names) and
// one per test that needs exact totals, pages already signed in as their owner or staff member,
// and the public API called with a Bearer key.
import { mkdirSync } from "node:fs";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { fillLists, type Ids } from "./every-page";
import { runScript } from "./run-script";
import { Seeder } from "./seeder";
import { SIGNED_IN_PAGE_TIMEOUT, signedInPage, type Credentials } from "./sessions";

export type PortalSeed = {
  businessId: string;
  secondBusiness: { id: string; name: string };
  owner: Credentials;
  staff: Credentials;
  // A staff member with a temporary password (must_change_password).
  temporary: Credentials;
  apiKey: string;
  customers: { id: string; email: string }[];
  ledger: { net: number; earned: number; redeemed: number };
};

// Seeding starts tsx, opens the database and hashes three passwords: seconds when idle, tens of
// seconds when another run is building or testing on the same two cores.
const SEED_TIMEOUT = 120_000;
// A little longer than the script's own limit, so that its error (with its output) is reported.
const SEED_FIXTURE_TIMEOUT = SEED_TIMEOUT + 15_000;

// One-shot, for the warm-up (before any worker exists); tests get theirs from their worker's Seeder.
export async function seedBusiness(tag: string): Promise<PortalSeed> {
  const stdout = await runScript("e2e/portal/seed-portal.ts", [tag], SEED_TIMEOUT);
  const line = stdout.split("\n").find((l) => l.startsWith("SEED "));
  if (!line) throw new Error(`seed-portal printed no result:\n${stdout}`);
  return JSON.parse(line.slice(5)) as PortalSeed;
}

// Its own context, closed after the test; screenshots and traces on failure still cover it.
async function provideSignedIn(browser: Browser, user: Credentials, provide: (page: Page) => Promise<void>) {
  const page = await signedInPage(browser, user);
  await provide(page);
  await page.context().close();
}

type TestFixtures = {
  freshSeed: PortalSeed;
  ownerPage: Page;
  staffPage: Page;
  freshOwnerPage: Page;
  freshStaffPage: Page;
};

// `seed` is shared by a worker's tests (which move its points); `freshSeed` is a business no
// other test touches, for assertions on exact totals. The *Page fixtures are the one way to get
// a signed-in page: ownerPage/staffPage for `seed`, freshOwnerPage/freshStaffPage for `freshSeed`.
// Slow fixtures get their own timeouts so that seeding and signing in don't eat the test's.
// `lists`: a row or two in every list of the worker's `seed` (every-page.ts), for the every-page
// sweep. Declared here rather than in that spec: a worker fixture of its own would give its tests
// their own worker processes (a new seed and sign-in each), run only after everything else.
export const test = base.extend<TestFixtures, { seeder: Seeder; seed: PortalSeed; lists: Ids }>({
  seeder: [
    async ({}, provide) => {
      const seeder = new Seeder();
      await provide(seeder);
      await seeder.stop();
    },
    { scope: "worker" },
  ],
  freshSeed: [
    async ({ seeder }, provide, testInfo) => {
      await provide(await seeder.seed(`t${testInfo.workerIndex}-${Date.now().toString(36)}`, SEED_TIMEOUT));
    },
    { timeout: SEED_FIXTURE_TIMEOUT },
  ],
  seed: [
    async ({ seeder }, provide, workerInfo) => {
      await provide(await seeder.seed(`w${workerInfo.workerIndex}-${Date.now().toString(36)}`, SEED_TIMEOUT));
    },
    { scope: "worker", timeout: SEED_FIXTURE_TIMEOUT },
  ],
  lists: [
    async ({ seed, playwright }, provide, workerInfo) => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      await provide(await fillLists(request, seed, `sweep${workerInfo.workerIndex}-${Date.now().toString(36)}`));
      await request.dispose();
    },
    { scope: "worker", timeout: 60_000 },
  ],
  ownerPage: [async ({ browser, seed }, provide) => provideSignedIn(browser, seed.owner, provide), { timeout: SIGNED_IN_PAGE_TIMEOUT }],
  staffPage: [async ({ browser, seed }, provide) => provideSignedIn(browser, seed.staff, provide), { timeout: SIGNED_IN_PAGE_TIMEOUT }],
  freshOwnerPage: [async ({ browser, freshSeed }, provide) => provideSignedIn(browser, freshSeed.owner, provide), { timeout: SIGNED_IN_PAGE_TIMEOUT }],
  freshStaffPage: [async ({ browser, freshSeed }, provide) => provideSignedIn(browser, freshSeed.staff, provide), { timeout: SIGNED_IN_PAGE_TIMEOUT }],
});

export { expect };
export { signIn } from "./sessions";
export { callApi } from "./call-api";

// Server actions (sign-out, switching business) answer with a redirect that renders a whole
// dashboard page, and inviting a member hashes their password: real work, like signing in.
export const SERVER_WORK_TIMEOUT = 30_000;


export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

// Closes the notifications showing. They sit over the top right of the page, where headers keep
// their main button, and one under the pointer stays open (hovering pauses it): a click on that
// button then waits behind it until the test times out.
export async function closeToasts(page: Page) {
  for (const close of await page.getByRole("button", { name: "Close toast" }).all()) await close.click().catch(() => {});
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
}

// The page at desktop and phone widths, each checked for sideways scrolling (the page must fit
// a 390 px phone) and saved as `<dir>/<name>-<width>.png` for a person to look at.
export async function shootWidths(page: Page, dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    // Polled: charts take the new width a frame or two after the window changes (their resize
    // observer), and were caught overflowing at the old one. A page that really overflows fails.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
