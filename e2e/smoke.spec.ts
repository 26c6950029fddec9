import { expect, test } from "@playwright/test";

test("home page loads, reports a healthy system, and is screenshotted", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Points your customers can trust." })).toBeVisible();
  await expect(page.getByTestId("system-status")).toHaveText("All systems operational");
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
  await page.screenshot({ path: "test-results/screens/home.png", fullPage: true });
});

test("health endpoint answers the success envelope with a request id", async ({ request }) => {
  const response = await request.get("/api/v1/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toBeTruthy();
  expect(await response.json()).toMatchObject({ success: true, data: { status: "ok", database: "ok" } });
});
