// Passwords a person didn't choose are replaced at once; changing a password or "sign out
// everywhere" ends every other browser's session while this one stays signed in.
import type { Browser } from "@playwright/test";
import { expect, screenshot, SERVER_WORK_TIMEOUT, signIn, test } from "./fixtures";
import type { Credentials } from "./sessions";

async function signedIn(browser: Browser, user: Credentials) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

async function changePassword(page: Awaited<ReturnType<typeof signedIn>>, current: string, next: string) {
  await page.getByLabel(/^(Current|Temporary) password/).fill(current);
  await page.getByLabel(/^New password/).fill(next);
  await page.getByLabel("Repeat the new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("first sign-in with a temporary password must choose a new one", async ({ page, freshSeed }) => {
  test.slow();
  const user = freshSeed.temporary;
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/change-password$/, { timeout: SERVER_WORK_TIMEOUT });
  // Every portal page sends them back here until they do.
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await screenshot(page, "change-password-forced");
  // Nothing else behind the portal session either.
  expect((await page.request.get("/customers/export")).status()).toBe(401);

  // Refused with a sentence: the temporary password has to be the right one.
  await changePassword(page, "not-the-temporary-one", `${Date.now()}-mine-now`);
  await expect(page.getByTestId("form-error")).toHaveText("Your current password is not right.", { timeout: SERVER_WORK_TIMEOUT });
  await changePassword(page, user.password, `${Date.now()}-mine-now`);
  await expect(page).toHaveURL(/\/account\?changed=1$/, { timeout: SERVER_WORK_TIMEOUT });
  await expect(page.getByTestId("password-changed")).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByTestId("signed-in-user")).toContainText("Tia Temp");
});

test("changing the password ends other sessions; sign out everywhere ends them all", async ({ browser, freshSeed }) => {
  test.slow();
  const user = freshSeed.staff;
  const here = await signedIn(browser, user);
  const elsewhere = await signedIn(browser, user);

  await here.getByRole("link", { name: "Your account" }).click();
  await expect(here.getByRole("heading", { name: "Your account" })).toBeVisible();
  await screenshot(here, "account");
  const next = `${Date.now()}-new-password`;
  await changePassword(here, user.password, next);
  await expect(here.getByTestId("password-changed")).toBeVisible({ timeout: SERVER_WORK_TIMEOUT });
  // This browser stays signed in; the other one is signed out.
  await here.goto("/customers");
  await expect(here.getByTestId("signed-in-user")).toBeVisible();
  await elsewhere.goto("/customers");
  await expect(elsewhere).toHaveURL(/\/login/);

  await signIn(elsewhere, { email: user.email, password: next });
  await here.goto("/account");
  await here.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(here).toHaveURL(/\/login/, { timeout: SERVER_WORK_TIMEOUT });
  await elsewhere.goto("/customers");
  await expect(elsewhere).toHaveURL(/\/login/);
  await here.context().close();
  await elsewhere.context().close();
});
