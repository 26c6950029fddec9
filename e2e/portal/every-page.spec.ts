// Every portal page, as an owner, with a row or two in each list (every-page.ts), in one pass per
// page: axe finds nothing serious or critical (WCAG 2.1 A/AA, contrast included) at desktop and
// 390 px phone width, light and dark; on the phone the page itself never scrolls sideways (wide
// tables scroll inside their own box); each view is saved under test-results/screens/ for a
// person to look at (light/, phone/, phone-dark/, dark/). The sign-in, 404 and docs pages too.
// One test per page, in parallel, so both workers share the sweep and a failure names its page;
// the lists are filled once per worker (the `lists` fixture), not per page.
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { isDark, PORTAL_PAGES, seriousFindings, sidewaysOverflow, switchScheme, waitForContent } from "./every-page";

const SHOTS = "test-results/screens";
const PHONE = { width: 390, height: 844 };
for (const dir of ["light", "phone", "phone-dark", "dark"]) mkdirSync(`${SHOTS}/${dir}`, { recursive: true });

test.describe.configure({ mode: "parallel" });

// Axe on the page as it is now; a screenshot of it; each finding names the page and the view.
async function check(page: Page, where: string, shot: string, fullPage: boolean): Promise<string[]> {
  const findings = await seriousFindings(page, where);
  await page.screenshot({ path: `${SHOTS}/${shot}`, fullPage });
  return findings;
}

for (const { name, path } of PORTAL_PAGES) {
  test(`${name}: axe at desktop and phone width, light and dark; no sideways scroll on a 390 px phone`, async ({ ownerPage: page, lists }) => {
    test.setTimeout(60_000);
    const url = path(lists);
    const desktop = page.viewportSize()!;
    // Everything is looked at before failing, so one run lists all there is to fix.
    const problems: string[] = [];
    await page.goto(url);
    await waitForContent(page);
    problems.push(...(await check(page, `${url} (desktop, light)`, `light/${name}.png`, false)));

    await page.setViewportSize(PHONE);
    problems.push(...[await sidewaysOverflow(page, `${url} (390 px, light)`)].filter((p) => p !== null));
    // The phone layout has its own markup (cards instead of tables): axe looks at it too.
    problems.push(...(await check(page, `${url} (390 px, light)`, `phone/${name}.png`, true)));

    await switchScheme(page, "dark");
    problems.push(...[await sidewaysOverflow(page, `${url} (390 px, dark)`)].filter((p) => p !== null));
    problems.push(...(await check(page, `${url} (390 px, dark)`, `phone-dark/${name}.png`, true)));

    await page.setViewportSize(desktop);
    problems.push(...(await check(page, `${url} (desktop, dark)`, `dark/${name}.png`, false)));
    expect(problems).toEqual([]);
  });
}

test("sign-in, the 404 page and the docs: axe finds nothing serious, light or dark", async ({ ownerPage: page, browser }) => {
  test.setTimeout(60_000);
  const problems: string[] = [];
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await waitForContent(page);
  problems.push(...(await seriousFindings(page, "/no-such-page (desktop, light)")));

  await page.goto("/docs");
  await waitForContent(page);
  await switchScheme(page, "dark");
  problems.push(...(await check(page, "/docs (desktop, dark)", "dark/docs.png", false)));

  const signedOut = await browser.newPage();
  try {
    await signedOut.goto("/login");
    await waitForContent(signedOut);
    problems.push(...(await seriousFindings(signedOut, "/login (desktop, light)")));
    await switchScheme(signedOut, "dark");
    expect(await isDark(signedOut)).toBe(true);
    problems.push(...(await check(signedOut, "/login (desktop, dark)", "dark/login.png", false)));
  } finally {
    await signedOut.close();
  }
  expect(problems).toEqual([]);
});
