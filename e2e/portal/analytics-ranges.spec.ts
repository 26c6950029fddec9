// Analytics ranges: one click for the usual periods, and a range the server would refuse is
// explained in a sentence at once, without a request (or seconds of retries) first.
import { expect, screenshot, test } from "./fixtures";

test("analytics quick ranges, and a range over two years explained without asking the server", async ({ freshOwnerPage: page }) => {
  await page.goto("/analytics");
  const from = page.getByLabel("From");
  const to = page.getByLabel("To", { exact: true });
  await expect(page.getByTestId("earned-total")).toBeVisible();
  await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Last year" }).click();
  const lastYear = new Date().getUTCFullYear() - 1;
  await expect(from).toHaveValue(`${lastYear}-01-01`);
  await expect(to).toHaveValue(`${lastYear}-12-31`);
  await expect(page.getByRole("button", { name: "Last year" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Year to date" }).click();
  await expect(from).toHaveValue(`${lastYear + 1}-01-01`);
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("earned-total")).toBeVisible();

  const asked: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("analytics.summary")) asked.push(request.url());
  });
  await from.fill("2019-01-01");
  await expect(page.getByText("A range covers at most 731 days (two years): pick a later start or an earlier end.")).toBeVisible();
  await screenshot(page, "analytics-range-too-long");
  expect(asked).toEqual([]);
  await page.getByRole("button", { name: "90 days" }).click();
  await expect(page.getByText("A range covers at most 731 days")).toHaveCount(0);
});
