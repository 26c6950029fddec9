// Dark mode: follows the system's setting, or the theme chosen in the portal's menu (kept in this
// browser). Every portal page, the docs and sign-in are checked by axe in dark (contrast
// included) and saved under test-results/screens/dark/ for a person to look at.
import { mkdirSync } from "node:fs";
import { expect, test } from "./fixtures";
import { fillLists, portalPages, seriousFindings, waitForContent } from "./every-page";

const SHOTS = "test-results/screens/dark";
const isDark = (page: import("@playwright/test").Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

test("dark mode follows the system, and axe finds nothing serious in it on any page", async ({ ownerPage: page, seed, browser }) => {
  test.setTimeout(150_000);
  mkdirSync(SHOTS, { recursive: true });
  const ids = await fillLists(page.request, seed, `dark${Date.now().toString(36)}`);
  await page.emulateMedia({ colorScheme: "dark" });
  const findings: string[] = [];
  for (const [path, name] of [...portalPages(ids), ["/docs", "docs"]] as [string, string][]) {
    await page.goto(path);
    await waitForContent(page);
    expect(await isDark(page), path).toBe(true);
    findings.push(...(await seriousFindings(page, path)));
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  }
  const signedOut = await browser.newPage({ colorScheme: "dark" });
  await signedOut.goto("/login");
  await waitForContent(signedOut);
  findings.push(...(await seriousFindings(signedOut, "/login")));
  await signedOut.screenshot({ path: `${SHOTS}/login.png` });
  await signedOut.close();
  expect(findings).toEqual([]);
});

test("a chosen theme overrides the system, survives a reload, and System follows it again", async ({ ownerPage: page }) => {
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
