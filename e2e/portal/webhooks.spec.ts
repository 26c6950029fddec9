// The owner's webhooks page against the real job worker (started by `npm start`): the endpoint
// points at a name that doesn't resolve here, so the test event's attempt fails with a DNS error
// that the delivery log shows. Nothing waits a fixed time: the log refreshes itself while a
// delivery is pending, and the test polls for what it expects.
import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";
import { runScript } from "./run-script";

// The worker picks the job up within a second or two when idle; on a busy machine much later.
const DELIVERY_TIMEOUT = 90_000;

// Like seeding: tsx and a database connection, seconds when idle, much more on a busy machine.
const SCRIPT_TIMEOUT = 120_000;

async function makeFailing(businessId: string, endpointId: string) {
  await runScript("e2e/portal/make-webhook-failing.ts", [businessId, endpointId], SCRIPT_TIMEOUT);
}

async function addEndpoint(page: Page, url: string, description: string, screenshots = false) {
  await page.goto("/webhooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByLabel("Endpoint URL").fill(url);
  // One event no other test causes, so the endpoint's log holds only what this test sends.
  await page.getByRole("checkbox", { name: "All events" }).uncheck();
  await page.getByRole("checkbox", { name: "badge.awarded" }).check();
  await page.getByLabel("Description").fill(description);
  if (screenshots) {
    await screenshot(page, "webhook-add-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await noSidewaysScroll(page);
    await screenshot(page, "webhook-add-390");
    await page.setViewportSize({ width: 1280, height: 720 });
  }
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  await page.getByRole("button", { name: "Done" }).click();
  return secret;
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test("owner adds an endpoint, copies its secret once, sends a test event and sees the failed attempt", async ({ ownerPage: page }) => {
  test.setTimeout(DELIVERY_TIMEOUT + 60_000);
  const secret = await addEndpoint(page, "https://hooks.example.com/loyalty", "E2E loyalty receiver", true);
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
  await expect(page.getByText(secret)).toHaveCount(0); // shown once only
  const row = page.getByTestId("webhook-row").filter({ hasText: "E2E loyalty receiver" });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("badge.awarded");
  await screenshot(page, "webhooks-list-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await screenshot(page, "webhooks-list-390");
  await page.setViewportSize({ width: 1280, height: 720 });

  await row.getByRole("link", { name: "https://hooks.example.com/loyalty" }).click();
  await expect(page.getByTestId("endpoint-url")).toHaveText("https://hooks.example.com/loyalty");
  await page.getByRole("button", { name: "Send test event" }).click();
  const delivery = page.getByTestId("delivery-row").filter({ hasText: "webhook.test" });
  await expect(delivery).toContainText("Test");
  await expect(delivery).toContainText("DNS lookup failed", { timeout: DELIVERY_TIMEOUT });
  await delivery.getByRole("button", { name: /^Show attempts/ }).click();
  const history = page.getByTestId("delivery-log").getByTestId("attempt-history");
  await expect(history).toContainText("#1");
  await expect(history).toContainText("DNS lookup failed");
  await screenshot(page, "webhook-detail-1280");
  // Sent again by hand: a second delivery of the same test event, at the top of the log.
  await delivery.first().getByRole("button", { name: "Resend" }).click();
  await expect(page.getByTestId("delivery-row").filter({ hasText: "webhook.test" })).toHaveCount(2);
  await expect(page.getByTestId("delivery-row").first().getByRole("cell").nth(1)).toHaveText("Resend");
  await page.setViewportSize({ width: 390, height: 844 });
  // Cards instead of the table on a phone: the error and the attempts stay in view.
  await expect(page.getByTestId("delivery-card").last()).toContainText("DNS lookup failed");
  await noSidewaysScroll(page);
  await screenshot(page, "webhook-detail-390");
});

test("owner edits an endpoint, reveals its secret after confirming, and rotates it", async ({ ownerPage: page }) => {
  const secret = await addEndpoint(page, "https://hooks.example.com/edit-me", "E2E edited receiver");
  await page.getByTestId("webhook-row").filter({ hasText: "E2E edited receiver" }).getByRole("link", { name: "https://hooks.example.com/edit-me" }).click();

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Endpoint URL").fill("https://hooks.example.com/edited");
  await page.getByRole("checkbox", { name: "points.earned", exact: true }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("endpoint-url")).toHaveText("https://hooks.example.com/edited");
  await expect(page.getByText("points.earned", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Reveal secret" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0); // not before confirming
  await page.getByRole("button", { name: "Reveal secret" }).last().click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(secret);
  await page.getByRole("button", { name: "Done" }).click();

  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("dialog")).toContainText("24 hours");
  await page.getByRole("button", { name: "Rotate secret" }).last().click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  expect(await page.getByTestId("webhook-secret").textContent()).not.toBe(secret);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(/previous secret until/)).toBeVisible();

  // The last day, only what it missed: the seed's awards (points.earned, now subscribed to).
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByText(/^\d+ events queued\.$/)).toBeVisible();
  await expect(page.getByTestId("delivery-row").filter({ hasText: "points.earned" }).first()).toContainText("Replay");
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId("endpoint-status-notice")).toContainText("Turned off by its owner.");
  await expect(page.getByRole("button", { name: "Replay", exact: true })).toBeDisabled();
});

test("a failing endpoint stands out in the menu, the list and its page; enabling it replays what it missed", async ({ ownerPage: page, seed }) => {
  test.setTimeout(SCRIPT_TIMEOUT + 60_000);
  await addEndpoint(page, "https://hooks.example.com/failing", "E2E failing receiver");
  await page.getByTestId("webhook-row").filter({ hasText: "E2E failing receiver" }).getByRole("link", { name: "https://hooks.example.com/failing" }).click();
  await expect(page.getByTestId("endpoint-url")).toBeVisible();
  const endpointId = page.url().split("/").pop()!;
  await makeFailing(seed.businessId, endpointId);

  await page.goto("/webhooks");
  await expect(page.getByTestId("failing-banner")).toBeVisible();
  await expect(page.getByTestId("failing-webhooks-badge")).toBeVisible();
  const row = page.getByTestId("webhook-row").filter({ hasText: "E2E failing receiver" });
  await expect(row).toContainText("Failing since");
  await screenshot(page, "webhooks-failing-list-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await screenshot(page, "webhooks-failing-list-390");

  await row.getByRole("link", { name: "https://hooks.example.com/failing" }).click();
  await expect(page.getByTestId("endpoint-url")).toHaveText("https://hooks.example.com/failing");
  await expect(page.getByTestId("endpoint-status-notice")).toContainText("retries stopped");
  await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();
  await noSidewaysScroll(page);
  await screenshot(page, "webhook-failing-detail-390");
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, "webhook-failing-detail-1280");

  await page.getByRole("button", { name: "Enable and replay what it missed" }).click();
  await expect(page.getByRole("dialog")).toContainText("Enable and replay what it missed?");
  await page.getByRole("button", { name: "Enable and replay", exact: true }).click();
  await expect(page.getByTestId("endpoint-status-notice")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send test event" })).toBeEnabled();
  await expect(page.getByText(/Enabled\. \d+ events? queued/)).toBeVisible();
});

test("staff don't see webhooks in the menu and are refused on its pages", async ({ staffPage: page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "Customers", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/webhooks");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("webhook-row")).toHaveCount(0);
  await page.goto("/webhooks/00000000-0000-0000-0000-000000000000");
  await expect(page.getByTestId("forbidden")).toBeVisible();
});
