import { expect, screenshot, test } from "./fixtures";

test("analytics numbers match the ledger of a freshly seeded business", async ({ freshOwnerPage: page, freshSeed }) => {
  const { net, earned, redeemed } = freshSeed.ledger; // summed from ledger_entries by the seed script
  expect(net).toBeGreaterThan(0);
  await page.goto("/analytics");
  await expect(page.getByTestId("liability-points")).toHaveText(net.toLocaleString("en-US"));
  await expect(page.getByTestId("earned-total")).toHaveText(earned.toLocaleString("en-US"));
  await expect(page.getByTestId("redemption-rate")).toHaveText(`${((redeemed / earned) * 100).toFixed(1)}%`);
  await expect(page.getByTestId("active-customers")).toHaveText(String(freshSeed.customers.length));
  await expect(page.getByTestId("top-customer")).toHaveCount(freshSeed.customers.length);
  await expect(page.getByTestId("flow-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await screenshot(page, "analytics");
});
