// Campaigns end to end on a business no other test touches: the owner adds a double-points
// campaign (the API's rule between its dates shown under the field first), an order through the
// API earns its bonus as its own entry, the campaigns and analytics pages count it, and the
// owner ends it. Screenshots at desktop and phone widths go to SHOTS for a person to see.
import type { Page } from "@playwright/test";
import { callApi, expect, shootWidths, test } from "./fixtures";

const SHOTS = "/tmp/campaigns-shots";
const shoot = (page: Page, name: string) => shootWidths(page, SHOTS, name);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("owner adds a multiplier campaign, an order earns its bonus, the pages count it, and the owner ends it", async ({ freshOwnerPage: owner, freshSeed: seed }) => {
  const customer = seed.customers[0]!;
  await owner.goto("/campaigns");
  await expect(owner.getByText("No campaigns yet")).toBeVisible();
  await owner.getByRole("button", { name: "Add campaign" }).click();
  await owner.getByLabel("Name").fill("Double weekend");
  await owner.getByLabel("Multiplier (%)").fill("200");
  await owner.getByLabel(/^Starts/).fill(day(1));
  await owner.getByLabel(/^Ends/).fill(day(-1));
  await owner.getByRole("button", { name: "Add campaign" }).click();
  await expect(owner.getByText("endsAt must be after startsAt")).toBeVisible();
  await owner.getByLabel(/^Starts/).fill(day(-1));
  await owner.getByLabel(/^Ends/).fill(day(1));
  await owner.getByRole("button", { name: "Add campaign" }).click();
  const row = owner.getByTestId("campaign-row").filter({ hasText: "Double weekend" });
  await expect(row).toContainText("2× points on orders");
  await expect(row.getByTestId("campaign-facts")).toContainText("0 pts issued to 0 customers");

  const order = await callApi(owner.request, seed.apiKey, "/api/v1/orders", {
    externalId: "E2E-CAMPAIGN-1", customerId: customer.id, currency: "USD", subtotal: 5000, status: "PAID",
    items: [{ productExternalId: "beans", quantity: 2, unitPrice: 2500 }],
  });
  expect(order.status, JSON.stringify(order.json)).toBe(201);
  const points = order.json.data!.points as number;
  expect(points).toBeGreaterThan(0);
  await owner.reload();
  await expect(row.getByTestId("campaign-facts")).toContainText(`${points} pts issued to 1 customer`);
  await shoot(owner, "campaigns");

  await owner.goto("/analytics");
  await expect(owner.getByTestId("campaign-points-row").filter({ hasText: "Double weekend" })).toContainText(String(points));
  await shoot(owner, "analytics");

  await owner.goto("/campaigns");
  await row.getByRole("button", { name: "End" }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "End campaign" }).click();
  await expect(row).toContainText("Ended");
});
