// The rewards catalogue end to end on a business no other test touches (its first customer has
// 380 points): the owner adds a reward with generated codes, staff redeem it on the customer's
// page and hand over the code, and the redemption is cancelled from the rewards page with the
// points coming back. Screenshots at desktop and phone widths go to SHOTS for a person to see.
import type { Page } from "@playwright/test";
import { callApi, expect, shootWidths, test } from "./fixtures";

const SHOTS = "/tmp/rewards-shots";

const shoot = (page: Page, name: string) => shootWidths(page, SHOTS, name);

test("owner adds a reward, staff redeem it for a customer and see the code, and cancelling refunds the points", async ({ freshOwnerPage: owner, freshStaffPage: staff, freshSeed: seed }) => {
  const customer = seed.customers[0]!;
  await owner.goto("/rewards");
  await owner.getByRole("button", { name: "Add reward" }).click();
  await owner.getByLabel("Title").fill("Free coffee");
  await owner.getByLabel("Points cost").fill("100");
  await owner.getByLabel("Stock").fill("5");
  await owner.getByLabel("Coupon code").selectOption("GENERATED");
  await owner.getByLabel("Code prefix").fill("cafe-");
  // The API's rule between two fields, under the field it names.
  await owner.getByLabel("Valid from").fill("2030-02-01");
  await owner.getByLabel("Valid until").fill("2030-01-01");
  await owner.getByRole("button", { name: "Add reward" }).click();
  await expect(owner.getByText("validUntil must be after validFrom")).toBeVisible();
  await owner.getByLabel("Valid from").fill("");
  await owner.getByLabel("Valid until").fill("");
  await owner.getByRole("button", { name: "Add reward" }).click();
  const row = owner.getByTestId("reward-row").filter({ hasText: "Free coffee" });
  await expect(row.getByTestId("reward-facts")).toHaveText("5 left · No limit per customer · Always valid · Generated codes (CAFE-…)");
  await expect(row).toContainText("100 pts");

  // Staff, on the customer's page: only what they can afford, a confirmation, then the code.
  await staff.goto(`/customers/${customer.id}`);
  await expect(staff.getByTestId("customer-balance")).toHaveText("380 pts");
  await staff.locator('select[name="reward"]').selectOption({ label: "Free coffee · 100 pts" });
  await staff.getByRole("button", { name: "Redeem…" }).click();
  await staff.getByRole("dialog").getByRole("button", { name: "Redeem", exact: true }).click();
  const code = staff.getByTestId("issued-code");
  await expect(code).toHaveText(/^CAFE-[A-Z0-9]+$/);
  const issued = (await code.textContent())!;
  await expect(staff.getByTestId("customer-balance")).toHaveText("280 pts");
  await expect(staff.getByTestId("redemption-row").first()).toContainText(issued);
  await expect(staff.getByTestId("history-row").first()).toContainText("Reward: Free coffee");
  await shoot(staff, "customer");

  // The owner sees it on the rewards page (one fewer in stock) and cancels it.
  await owner.reload();
  await expect(row.getByTestId("reward-facts")).toContainText("4 left");
  const redemption = owner.getByTestId("redemption-row").filter({ hasText: issued });
  await expect(redemption).toContainText(`Customer 0`);
  await expect(redemption).toContainText("Active");
  await shoot(owner, "rewards");
  await redemption.getByRole("button", { name: "Cancel" }).click();
  await owner.getByLabel("Reason for cancelling").fill("Redeemed by mistake");
  await owner.getByRole("dialog").getByRole("button", { name: "Cancel redemption" }).click();
  await expect(owner.getByText("100 points refunded. New balance 380.")).toBeVisible();
  await expect(redemption).toContainText("Cancelled");
  await expect(row.getByTestId("reward-facts")).toContainText("5 left");
  const balance = await callApi(owner.request, seed.apiKey, `/api/v1/points/balance?customerId=${customer.id}`);
  expect(balance.json.data?.balance).toBe(380);
  const coupon = await callApi(owner.request, seed.apiKey, `/api/v1/coupons/${issued}`);
  expect(coupon.json.data?.status).toBe("VOID");

  // Staff see the catalogue but can't change it.
  await staff.goto("/rewards");
  await expect(staff.getByTestId("reward-row")).toHaveCount(1);
  await expect(staff.getByRole("button", { name: "Add reward" })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Edit" })).toHaveCount(0);
});

test("owner fills a POOL reward's codes from a CSV file and from pasted codes, then retires it", async ({ freshOwnerPage: owner }) => {
  await owner.goto("/rewards");
  await owner.getByRole("button", { name: "Add reward" }).click();
  await owner.getByLabel("Title").fill("Partner voucher");
  await owner.getByLabel("Points cost").fill("1.5");
  await owner.getByRole("button", { name: "Add reward" }).click();
  await expect(owner.getByText("must be a whole number of points")).toBeVisible();
  await owner.getByLabel("Points cost").fill("250");
  await owner.getByLabel("Per-customer limit").fill("1");
  await owner.getByLabel("Coupon code").selectOption("POOL");
  await owner.getByRole("button", { name: "Add reward" }).click();
  const row = owner.getByTestId("reward-row").filter({ hasText: "Partner voucher" });
  await expect(row.getByTestId("reward-facts")).toContainText("1 per customer · Always valid · 0 pool codes left");

  // Edited in place: its only row, since a row being edited shows its title only in an input.
  const only = owner.getByTestId("reward-row");
  await only.getByRole("button", { name: "Edit" }).click();
  await only.getByLabel("Title").fill("Partner voucher 10%");
  await only.getByLabel("Stock").fill("-2");
  await only.getByRole("button", { name: "Save reward" }).click();
  await expect(only.getByText("must not be negative")).toBeVisible();
  await only.getByLabel("Stock").fill("10");
  await only.getByRole("button", { name: "Save reward" }).click();
  await expect(row.getByTestId("reward-facts")).toHaveText("10 left · 1 per customer · Always valid · 0 pool codes left");
  await expect(row).toContainText("Partner voucher 10%");

  await row.getByRole("button", { name: "Upload codes" }).click();
  await owner.locator('input[name="codes-file"]').setInputFiles({ name: "codes.csv", mimeType: "text/csv", buffer: Buffer.from("code\npv-001\npv-002\n") });
  await owner.getByRole("dialog").getByRole("button", { name: "Upload codes" }).click();
  await expect(owner.getByText("2 codes added.")).toBeVisible();
  await expect(row.getByTestId("reward-facts")).toContainText("2 pool codes left");

  await row.getByRole("button", { name: "Upload codes" }).click();
  await owner.locator('textarea[name="codes"]').fill("PV-002\nPV-003");
  await owner.getByRole("dialog").getByRole("button", { name: "Upload codes" }).click();
  await expect(owner.getByText("1 code added; 1 already there (PV-002).")).toBeVisible();
  await expect(row.getByTestId("reward-facts")).toContainText("3 pool codes left");

  await row.getByRole("button", { name: "Deactivate" }).click();
  await owner.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Inactive");
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByRole("button", { name: "Deactivate" })).toBeVisible();
});
