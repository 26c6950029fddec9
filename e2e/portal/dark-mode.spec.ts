// Dark mode: follows the system's setting, or the theme chosen in the portal's menu (kept in this
// browser). axe on every page in dark, with screenshots, is in every-page.spec.ts.
import { mkdirSync } from "node:fs";
import { expect, test } from "./fixtures";
import { isDark, waitForContent } from "./every-page";

const SHOTS = "test-results/screens/dark";

test("a chosen theme overrides the system, survives a reload, and System follows it again", async ({ ownerPage: page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/customers");
  await waitForContent(page);
  expect(await isDark(page)).toBe(true);
  await page.getByLabel("Theme").selectOption("light");
  expect(await isDark(page)).toBe(false);
  await page.reload();
  await waitForContent(page);
  expect(await isDark(page)).toBe(false);

  await page.emulateMedia({ colorScheme: "light" });
  await page.getByLabel("Theme").selectOption("dark");
  expect(await isDark(page)).toBe(true);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/customers-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByLabel("Theme").selectOption("system");
  expect(await isDark(page)).toBe(false);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => isDark(page)).toBe(true);
});
