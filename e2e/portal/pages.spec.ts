// Every portal page renders its real content for an owner (no error states), with a screenshot
// of each under test-results/screens/ for review, plus the mobile layout.
import { expect, screenshot, test } from "./fixtures";

test("owner pages render: customers, team, settings, audit", async ({ freshOwnerPage: page, freshSeed: seed }) => {
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(seed.customers.length);
  // Balances: customer 0 = 500 - 120, customer 1 = 320, customer 2 = 80; sorted on the server.
  await page.getByRole("button", { name: /Balance/ }).click();
  await expect(page.getByTestId("customer-row").first()).toContainText("Customer 0");
  await page.getByRole("button", { name: /Balance/ }).click();
  await expect(page.getByTestId("customer-row").first()).toContainText("Customer 2");
  await screenshot(page, "customers");

  // CSV export with the same sort, behind the session.
  const csv = await page.request.get("/customers/export?sortBy=balance&sortOrder=desc");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("id,name,email,phone,externalId,status,tier,balance,lifetimeEarned,lifetimeRedeemed,lastActivityAt,createdAt");
  expect(lines).toHaveLength(seed.customers.length + 1);
  expect(lines[1]).toContain('"380"');

  await page.getByLabel("Search customers").fill("cust2-");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await page.getByLabel("Search customers").fill("nobody-matches-this");
  await expect(page.getByText("No customers match")).toBeVisible();
  await screenshot(page, "customers-empty");

  await page.goto("/team");
  // Owner, staff member and the staff member with a temporary password.
  await expect(page.getByTestId("team-row")).toHaveCount(3);
  await screenshot(page, "team");

  await page.goto("/settings");
  await expect(page.getByLabel("Business name")).toHaveValue(/^Portal t/);
  await screenshot(page, "settings");

  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await screenshot(page, "audit");

  await page.context().clearCookies();
  expect((await page.request.get("/customers/export")).status()).toBe(401);
});

test("owner changes settings and the change is audited", async ({ freshOwnerPage: page }) => {
  await page.goto("/settings");
  await page.getByLabel("Value of 100 points (minor units, e.g. cents)").fill("250");
  await page.getByLabel("Points expire after (days)").fill("");
  await expect(page.getByLabel("Warn before points expire (days)")).toHaveValue("7");
  await page.getByLabel("Warn before points expire (days)").fill("14");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("settings.updated");
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  // The row tells the change in words (jsonb orders keys itself, so each part on its own).
  const row = page.getByTestId("audit-row");
  await expect(row).toContainText("point value 100 → 250");
  await expect(row).toContainText("expiry warning days 7 → 14");
  await expect(row.getByRole("link")).toHaveAttribute("href", "/settings");
  await screenshot(page, "audit-settings-change");
});

test("mobile: the sidebar collapses behind a menu button", async ({ ownerPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "Analytics" })).toBeHidden();
  await screenshot(page, "mobile-customers");
  await page.getByRole("button", { name: "Open menu" }).click();
  await expect(page.getByRole("link", { name: "Analytics" })).toBeVisible();
  await screenshot(page, "mobile-menu");
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByTestId("liability-points")).toBeVisible();
  await screenshot(page, "mobile-analytics");
});
