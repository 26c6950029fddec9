// The phone layout's own behaviour: wide lists turn into cards, the menu traps focus, the skip
// link, the 404 page. Every page at 390 px (sideways scroll, axe, screenshots) is in
// every-page.spec.ts. Screenshots under test-results/screens/phone/.
import { mkdirSync } from "node:fs";
import { expect, test } from "./fixtures";
import { seriousFindings, waitForContent } from "./every-page";

const SHOTS = "test-results/screens/phone";
mkdirSync(SHOTS, { recursive: true });

test("wide lists become cards on a phone with their action in reach, not in a sideways scroll", async ({ ownerPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/api-keys");
  await waitForContent(page);
  await expect(page.getByTestId("api-key-row").first()).toBeHidden();
  await expect(page.getByTestId("api-key-card").first().getByRole("button", { name: "Revoke" })).toBeInViewport();
});

test("phone menu: focus moves into it, Tab stays inside, Escape closes it and gives focus back", async ({ ownerPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/orders");
  const button = page.getByRole("button", { name: "Open menu" });
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.click();
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  // On the current page's link, inside the menu.
  await expect(menu.getByRole("link", { name: "Orders" })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/menu-open.png` });
  expect(await seriousFindings(page, "the open phone menu")).toEqual([]);
  // Shift+Tab from the first item wraps to the last: the covered page never gets focus.
  await menu.getByRole("link", { name: "Loyalty Ledger" }).focus();
  await page.keyboard.press("Shift+Tab");
  await expect(menu.getByRole("button", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Loyalty Ledger" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");
});

test("the first Tab reaches 'Skip to content', which jumps past the menu to the page", async ({ ownerPage: page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/skip-link-1280.png` });
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab lands in the page's own content, not back in the sidebar.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);
});

test("an unknown address shows the 404 page with a way back; the app has a favicon", async ({ ownerPage: page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle(/Page not found/);
    await page.screenshot({ path: `${SHOTS}/not-found-${width}.png`, fullPage: true });
  }
  await page.getByRole("link", { name: "Back to the portal" }).click();
  await expect(page).toHaveURL(/\/customers$/);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const svg = await page.request.get(icon!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
});
