// The owner's tier editor with its live preview, and the stores page, on a business no other
// test touches (its three customers have earned 500, 320 and 80 points). Screenshots of both
// pages at desktop and phone widths go to SHOTS for a person to look at.
import type { Page } from "@playwright/test";
import { closeToasts, expect, shootWidths, test } from "./fixtures";

const SHOTS = "/tmp/portal-shots";

const shoot = (page: Page, name: string) => shootWidths(page, SHOTS, name);

const previewRow = (page: Page, name: string) => page.getByTestId("tier-preview").getByTestId("preview-row").filter({ hasText: name });

test("owner edits the tiers, sees who would land where before saving, and saves", async ({ freshOwnerPage: page }) => {
  await page.goto("/settings");
  // The business starts with Bronze 0, Silver 1000, Gold 5000: everyone is Bronze.
  await expect(previewRow(page, "Bronze")).toContainText("3");
  await expect(previewRow(page, "No tier")).toContainText("0");

  await page.getByLabel("Tier 2 minimum points").fill("300");
  await expect(previewRow(page, "Silver")).toContainText("2");
  await expect(previewRow(page, "Bronze")).toContainText("1");

  await page.getByRole("button", { name: "Add tier" }).click();
  await page.getByLabel("Tier 4 name").fill("Platinum");
  await page.getByLabel("Tier 4 minimum points").fill("450");
  await page.getByLabel("Tier 4 multiplier percent").fill("200");
  await expect(page.getByTestId("tiers-editor")).toContainText("x2");
  await expect(previewRow(page, "Platinum")).toContainText("1");
  await expect(previewRow(page, "Silver")).toContainText("1");

  // A name twice: the API's sentence on the row, and no preview for a table it would refuse.
  await page.getByLabel("Tier 4 name").fill("gold");
  await page.getByLabel("Points pending for (days)").fill("14");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText('two tiers are named "gold"')).toBeVisible();
  await expect(page.getByTestId("tier-preview")).toContainText("Fix the tiers");
  await page.getByLabel("Tier 4 name").fill("Platinum");
  await page.getByLabel("A tier is reached by").selectOption("ROLLING_12_MONTHS");
  await expect(previewRow(page, "Platinum")).toContainText("1");
  await shoot(page, "settings");

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Tier 3 name")).toHaveValue("Platinum"); // kept lowest first
  await expect(page.getByLabel("Tier 3 minimum points")).toHaveValue("450");
  await expect(page.getByLabel("Points pending for (days)")).toHaveValue("14");
  await expect(page.getByLabel("A tier is reached by")).toHaveValue("ROLLING_12_MONTHS");
});

test("owner adds, edits and closes a store; a taken code shows the API's sentence; staff only look", async ({ freshOwnerPage: page, freshStaffPage: staff }) => {
  await page.goto("/stores");
  await page.getByRole("link", { name: "Stores" }).waitFor();
  await page.getByRole("button", { name: "Add store" }).click();
  await page.getByLabel("Store name").fill("Downtown");
  await page.getByLabel("Store code").fill("dt-01");
  await page.getByLabel("Address").fill("1 Main St");
  await page.getByRole("button", { name: "Add store" }).click();
  // Listed by name: Downtown stays first through its rename (a row being edited shows its name
  // only in an input, which text filters don't see).
  const downtown = page.getByTestId("store-row").first();
  await expect(downtown).toContainText("DT-01");
  await expect(downtown).toContainText("Open");

  await closeToasts(page);
  await page.getByRole("button", { name: "Add store" }).click();
  await page.getByLabel("Store name").fill("Uptown");
  await page.getByLabel("Store code").fill("DT-01");
  await page.getByRole("button", { name: "Add store" }).click();
  await expect(page.getByText(/Store code DT-01 is taken by "Downtown"/)).toBeVisible();
  await page.getByLabel("Store code").fill("UP-1");
  await page.getByRole("button", { name: "Add store" }).click();
  await expect(page.getByTestId("store-row")).toHaveCount(2);

  await downtown.getByRole("button", { name: "Edit" }).click();
  await downtown.getByLabel("Store name").fill("Downtown East");
  await downtown.getByRole("button", { name: "Save store" }).click();
  const east = page.getByTestId("store-row").filter({ hasText: "Downtown East" });
  await expect(east).toContainText("DT-01");
  await east.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Close store" }).click();
  await expect(east).toContainText("Closed");
  await expect(east.getByRole("button", { name: "Reopen" })).toBeVisible();
  await shoot(page, "stores");

  await staff.goto("/stores");
  await expect(staff.getByTestId("store-row")).toHaveCount(2);
  await expect(staff.getByRole("button", { name: "Add store" })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Edit" })).toHaveCount(0);
});
