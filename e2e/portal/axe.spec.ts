// axe-core on every portal page (and the 404 and sign-in pages): no serious or critical WCAG 2.1
// A/AA finding, contrast included. axe-core itself is injected (not @axe-core/playwright, whose
// current release needs Node 22); each finding is reported with its rule and first elements.
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fillLists, portalPages, waitForContent } from "./every-page";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

async function seriousFindings(page: Page, path: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

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
