// The program as staff and owners see it once stores and pending points exist: analytics
// comparing stores (and filtered to one), and a customer's pending points and tier progress.
// Data goes in through the public API, as a till would send it. Screenshots at desktop and phone
// widths go to SHOTS for a person to look at.
import type { Page } from "@playwright/test";
import { callApi, expect, shootWidths, test } from "./fixtures";

const SHOTS = "/tmp/program-shots";

const shoot = (page: Page, name: string) => shootWidths(page, SHOTS, name);

test("analytics compare stores and filter to one; a customer's page shows pending points and the way to the next tier", async ({ freshOwnerPage: page, freshSeed }) => {
  const key = freshSeed.apiKey;
  const [first, second] = freshSeed.customers;
  for (const store of [{ name: "Downtown", code: "DT" }, { name: "Airport", code: "AP" }]) {
    expect((await callApi(page.request, key, "/api/v1/stores", store)).status).toBe(201);
  }
  await callApi(page.request, key, "/api/v1/points/award", { customerId: first!.id, amount: 70, storeId: "dt" });
  await callApi(page.request, key, "/api/v1/points/award", { customerId: second!.id, amount: 30, storeId: "DT" });
  await callApi(page.request, key, "/api/v1/points/award", { customerId: second!.id, amount: 25, storeId: "AP" });
  const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
  expect((await callApi(page.request, key, "/api/v1/points/award", { customerId: first!.id, amount: 40, availableAt: later })).status).toBe(201);

  await page.goto("/analytics");
  const rows = page.getByTestId("store-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Downtown");
  await expect(rows.first()).toContainText("100");
  await page.getByTestId("store-filter").selectOption({ label: "Airport" });
  await expect(page.getByText("Earned at Airport")).toBeVisible();
  await expect(page.getByTestId("earned-total")).toHaveText("25");
  await shoot(page, "analytics-stores");

  await page.goto(`/customers/${first!.id}`);
  await expect(page.getByText(/\+ 40 pending, next on/)).toBeVisible();
  await expect(page.getByText(/\d+ pts to Silver/)).toBeVisible();
  await expect(page.getByTestId("history-row").first()).toContainText("pending until");
  await expect(page.getByRole("progressbar", { name: "Progress to Silver" })).toBeVisible();
  await shoot(page, "customer-program");
});
