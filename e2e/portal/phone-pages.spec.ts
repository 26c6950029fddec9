// Every portal page on a 390 px phone, as an owner, with a row or two in each list (empty states
// hide wide tables): the page itself never scrolls sideways (wide tables scroll inside their own
// box), axe finds nothing serious or critical in the phone layout, and each page is saved under
// test-results/screens/phone/ for a person to look at.
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fillLists, portalPages, seriousFindings, waitForContent } from "./every-page";

const SHOTS = "test-results/screens/phone";

// When the page's data is in, its width is polled: charts and tables settle a frame after they
// render. Answers what sticks out, or nothing when it fits.
async function overflowOf(page: Page, path: string, name: string, accessibility: string[]): Promise<string | null> {
  await page.goto(path);
  await waitForContent(page);
  // The phone layout has its own markup (cards instead of tables): axe looks at it too.
  accessibility.push(...(await seriousFindings(page, path)));
  const fits = await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0)
    .then(() => true, () => false);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  if (fits) return null;
  // The outermost elements past the right edge, to say where to look.
  const culprits = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Inside a box that clips or scrolls sideways, sticking out is that box's business.
    const clipped = (el: Element) => {
      for (let up = el.parentElement; up; up = up.parentElement) if (getComputedStyle(up).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el));
    return wide
      .filter((el) => !wide.includes(el.parentElement!))
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${Math.round(el.getBoundingClientRect().right)}px`);
  });
  return `${path}: ${culprits.join("; ")}`;
}

test("every portal page fits a 390 px phone without sideways scrolling, and axe finds nothing serious there", async ({ ownerPage: page, seed }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const ids = await fillLists(page.request, seed, Date.now().toString(36));
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = portalPages(ids);
  // Every page is visited before failing, so one run names all that overflow.
  const overflowing: string[] = [];
  const accessibility: string[] = [];
  for (const [path, name] of pages) {
    const overflow = await overflowOf(page, path, name, accessibility);
    if (overflow) overflowing.push(overflow);
  }
  expect(overflowing).toEqual([]);
  expect(accessibility).toEqual([]);

  // Wide lists become cards on a phone with their action in reach, not in a sideways scroll.
  await page.goto("/api-keys");
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
