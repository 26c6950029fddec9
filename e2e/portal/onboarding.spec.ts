// A brand-new business's owner lands on the getting-started checklist; steps tick themselves
// from what the business does (a key made in the portal, an award through the API with it),
// and hiding the checklist sticks across reloads until the settings page brings it back.
import { callApi, expect, screenshot, test } from "./fixtures";
import { runScript } from "./run-script";
import { SIGNED_IN_PAGE_TIMEOUT, signIn, type Credentials } from "./sessions";

async function seedNewBusiness(tag: string): Promise<{ owner: Credentials }> {
  const stdout = await runScript("e2e/portal/seed-new-business.ts", [tag], 120_000);
  const line = stdout.split("\n").find((l) => l.startsWith("SEED "));
  if (!line) throw new Error(`seed-new-business printed no result:\n${stdout}`);
  return JSON.parse(line.slice(5)) as { owner: Credentials };
}

test("a new business's owner gets a checklist that ticks itself and can be hidden", async ({ page }, testInfo) => {
  test.setTimeout(SIGNED_IN_PAGE_TIMEOUT + 120_000);
  const { owner } = await seedNewBusiness(`o${testInfo.workerIndex}-${Date.now().toString(36)}`);
  await signIn(page, owner);

  const checklist = page.getByTestId("onboarding-checklist");
  await expect(checklist).toBeVisible();
  await expect(page.getByTestId("onboarding-progress")).toHaveText("0 of 5 steps done");
  // The curl line is for this server, with the key's prefix filled in.
  const origin = new URL(page.url()).origin;
  await expect(page.getByTestId("onboarding-curl")).toContainText(`"${origin}/api/v1/points/award"`);
  await expect(page.getByTestId("onboarding-curl")).toContainText("Bearer ll_live_<your key>");
  await screenshot(page, "onboarding-new-business");

  await checklist.getByRole("link", { name: "Create a key" }).click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("Name").fill("Front till");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^ll_live_/);
  const award = await callApi(page.request, key, "/api/v1/points/award", { customerEmail: `first-${Date.now()}@e2e.test`, amount: 12 });
  expect(award.status).toBe(201);

  await page.goto("/customers");
  await expect(page.getByTestId("onboarding-progress")).toHaveText("2 of 5 steps done");
  await expect(page.getByTestId("onboarding-step-apiKey")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("onboarding-step-firstAward")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("onboarding-step-reward")).toHaveAttribute("data-done", "false");

  // At phone width the checklist fits without sideways scrolling of the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await screenshot(page, "onboarding-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await checklist.getByRole("button", { name: "Hide checklist" }).click();
  await expect(checklist).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  await expect(page.getByTestId("onboarding-checklist")).toHaveCount(0);

  // The settings page brings it back while steps remain.
  await page.goto("/settings");
  await page.getByRole("button", { name: "Show the checklist again" }).click();
  await expect(page.getByRole("button", { name: "Show the checklist again" })).toBeHidden();
  await page.goto("/customers");
  await expect(page.getByTestId("onboarding-progress")).toHaveText("2 of 5 steps done");
});
