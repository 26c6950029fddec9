import { expect, screenshot, SERVER_WORK_TIMEOUT, signIn, test } from "./fixtures";

test("wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("owner@demo.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("That email and password don't match an account.");
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, "login-error");
});

test("dashboard routes send a signed-out visitor to the login page", async ({ page }) => {
  for (const route of ["/customers", "/audit", "/team", "/api-keys", "/webhooks", "/settings", "/analytics"]) {
    await page.goto(route);
    await expect(page).toHaveURL(/\/login/);
  }
  await expect(page.getByRole("heading", { name: "Sign in to your portal" })).toBeVisible();
  await screenshot(page, "login");
});

test("sign in (email in any case), then sign out", async ({ page, seed }) => {
  // Two waits of up to SERVER_WORK_TIMEOUT each (sign-in, sign-out) must fit in the test's own.
  test.slow();
  await signIn(page, { email: seed.owner.email.toUpperCase(), password: seed.owner.password });
  await expect(page.getByTestId("signed-in-user")).toContainText("Olive Owner");
  await expect(page.getByTestId("current-business")).toContainText("Portal w");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/, { timeout: SERVER_WORK_TIMEOUT });
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/login/);
});

test("business switcher: staff here, owner of an empty second business", async ({ freshStaffPage: page, freshSeed }) => {
  await page.goto("/customers");
  const switcher = page.getByTestId("business-switcher");
  await expect(switcher).toBeVisible();
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(page.getByTestId("customer-row")).toHaveCount(freshSeed.customers.length);
  await switcher.selectOption(freshSeed.secondBusiness.id);
  await expect(page.getByRole("link", { name: "API keys" })).toBeVisible({ timeout: SERVER_WORK_TIMEOUT });
  await expect(page.getByText("No customers yet")).toBeVisible();
  await screenshot(page, "switched-business-empty");
  // The choice survives a reload (cookie), and is re-checked on the server each time.
  await page.reload();
  await expect(switcher).toHaveValue(freshSeed.secondBusiness.id);
});
