// Signing in, and reusing a sign-in. Every sign-in checks an argon2 hash and renders the
// customers page on the server, seconds on a busy 2-core machine; so each seeded user goes through
// the real login form once per worker, and the tests open pages with that stored session instead.
// Tests about signing in itself call `signIn` on a fresh page.
import { mkdirSync } from "node:fs";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export type Credentials = { email: string; password: string };
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

// Sign-in hashes a password and then renders the customers page on a possibly cold route: far
// more than an ordinary assertion's 5 s when another test run shares the CPU.
export const SIGN_IN_TIMEOUT = 30_000;

// Time for a fixture to produce a signed-in page: the first use of a user signs in (goto, form,
// SIGN_IN_TIMEOUT for the redirect); later uses only open a context with the stored cookies.
export const SIGNED_IN_PAGE_TIMEOUT = 60_000;

// A copy of each stored session, to look at the app as a seeded user while debugging:
// `npx playwright open --load-storage e2e/.auth/<email>.json localhost:3100/customers`.
// Tests use the copy in memory, so e2e/global-setup.ts can empty the folder before each run
// (its users are unique per run) without pulling it from under a parallel run.
export const AUTH_DIR = "e2e/.auth";

export async function signIn(page: Page, user: Credentials) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/customers$/, { timeout: SIGN_IN_TIMEOUT });
}

// Per worker process, keyed by email: seeded users are unique per worker (or per test), so no
// other process ever signs the same user in, and a worker's tests run one at a time.
const sessions = new Map<string, StorageState>();

// A page in its own context, signed in as `user`. The first time, through the login form, in
// that same context (a separate one would cost a browser process per user), which is then
// stored; after that, a context opened with the stored cookies. Tests navigate first thing.
export async function signedInPage(browser: Browser, user: Credentials): Promise<Page> {
  const key = user.email.toLowerCase();
  const stored = sessions.get(key);
  if (stored) return (await browser.newContext({ storageState: stored })).newPage();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, user);
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    mkdirSync(AUTH_DIR, { recursive: true });
    sessions.set(key, await context.storageState({ path: `${AUTH_DIR}/${key}.json` }));
    return page;
  } catch (error) {
    await context.close(); // a failed sign-in leaves nothing behind; its screenshot is kept
    throw error;
  }
}
