// axe-core on every portal page at desktop width (and the 404 and sign-in pages): no serious or
// critical WCAG 2.1 A/AA finding, contrast included. phone-pages.spec.ts runs it at phone width.
import { expect, test } from "./fixtures";
import { fillLists, portalPages, seriousFindings, waitForContent } from "./every-page";

test("axe finds nothing serious or critical on any portal page, the 404 page or sign-in", async ({ ownerPage: page, seed, browser }) => {
  test.setTimeout(150_000);
  const ids = await fillLists(page.request, seed, `axe${Date.now().toString(36)}`);
  const findings: string[] = [];
  // All pages before failing, so one run lists everything to fix.
  for (const [path] of [...portalPages(ids), ["/no-such-page"]]) {
    await page.goto(path!);
    await waitForContent(page);
    findings.push(...(await seriousFindings(page, path!)));
  }
  const signedOut = await browser.newPage();
  await signedOut.goto("/login");
  await waitForContent(signedOut);
  findings.push(...(await seriousFindings(signedOut, "/login")));
  await signedOut.close();
  expect(findings).toEqual([]);
});
