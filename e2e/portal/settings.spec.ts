// Settings that don't mislead: the currency comes from the ISO 4217 list, refusals name the real
// limits, every setting says what it does, and leaving with unsaved changes asks first.
import { expect, screenshot, test } from "./fixtures";

test("settings: currency from the ISO list, messages with the limits, a question before leaving unsaved", async ({ freshOwnerPage: page }) => {
  await page.goto("/settings");
  const currency = page.getByRole("combobox", { name: /^Currency/ });
  await expect(currency).toHaveValue("USD");
  // The searchable list is the runtime's ISO 4217 list, with names.
  await expect(page.locator("#currency-options option[value='EUR']")).toHaveText("EUR - Euro");
  await expect(page.getByText("When a balance reaches this, the till shows the customer has a reward")).toBeVisible();
  await expect(page.getByText("What points are worth to a customer")).toBeVisible();

  // Not a code at all: refused in the form (a well-formed code off the list is the server's to refuse).
  await currency.fill("US");
  await page.getByLabel("Points per whole currency unit spent").fill("100001");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Pick a currency from the list (an ISO 4217 code such as USD)")).toBeVisible();
  await expect(page.getByText("From 1 to 100,000")).toBeVisible();
  await screenshot(page, "settings-errors");

  // Unsaved edits: a link elsewhere in the portal asks first; staying keeps the edits.
  await currency.fill("EUR");
  await page.getByLabel("Points per whole currency unit spent").fill("2");
  let question = "";
  page.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect.poll(() => question).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(currency).toHaveValue("EUR");

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  // Saved: nothing to ask about (an unexpected question would be dismissed and the URL stay).
  page.on("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await page.goto("/settings");
  await expect(currency).toHaveValue("EUR");
  await expect(page.getByLabel("Points per whole currency unit spent")).toHaveValue("2");
});
