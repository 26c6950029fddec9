// The customer widget on a store's page on another origin (127.0.0.1, the app on localhost),
// fulfilled by page.route: what a signed-in customer sees and redeems, what refused tokens and
// origins show (never anyone's points), the store's CSS kept out, keyboard, phone width, French.
import { SignJWT } from "jose";
import { expect, type Page } from "@playwright/test";
import { test as base } from "../portal/fixtures";
import { OTHER_STORE_ORIGIN, STORE_ORIGIN, storePage, type WidgetSeed } from "./store";

const test = base.extend<object, { world: WidgetSeed }>({
  world: [
    async ({ seeder }, provide, workerInfo) => {
      await provide((await seeder.seed(`widget-w${workerInfo.workerIndex}-${Date.now().toString(36)}`, 120_000)) as unknown as WidgetSeed);
    },
    { scope: "worker", timeout: 135_000 },
  ],
});

// The store page is fulfilled by Playwright (no address), so Chromium counts it as public and
// asks before it reaches a loopback server (Local Network Access); a real store is public and our
// server too. Granted, as a visitor whose store talks to a local test server would.
test.use({ permissions: ["local-network-access"] });

// As a store's backend signs it; expiresIn in seconds (negative: already expired).
async function token(secret: string, customer: string, expiresIn = 600) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ customer }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(now - Math.max(0, -expiresIn) - 60).setExpirationTime(now + expiresIn).sign(new TextEncoder().encode(secret));
}

type Store = { token?: string; css?: string; lang?: string; origin?: string; attributes?: string };

// Opens the store page; the page counts the widget's events in <body data-*>.
async function openStore(page: Page, world: WidgetSeed, store: Store = {}) {
  const origin = store.origin ?? STORE_ORIGIN;
  const appOrigin = new URL(test.info().project.use.baseURL!).origin;
  const html = storePage({ appOrigin, publicId: world.publicId, ...store }).replace(
    "</body>",
    `<script>for (const e of ["loyalty:token-expired","loyalty:sign-in","loyalty:redeemed"]) addEventListener(e, (ev) => { const k = e.split(":")[1]; document.body.dataset[k.replace(/-(.)/g, (_, c) => c.toUpperCase())] = String(Number(document.body.dataset[k.replace(/-(.)/g, (_, c) => c.toUpperCase())] || 0) + 1); if (e === "loyalty:sign-in") ev.preventDefault(); });</script></body>`,
  );
  await page.route(`${origin}/**`, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(`${origin}/store.html`);
  return page.locator("loyalty-widget");
}

const launcher = (page: Page) => page.locator("loyalty-widget").getByRole("button", { name: "Our rewards" });

test.describe("customer widget on a store's page", () => {
  test("shows a signed-in customer their balance and affordable rewards, and the store's CSS can't restyle it", async ({ page, world }) => {
    const css = "* { color: red !important; font-size: 40px !important; display: block; line-height: 9 !important; text-transform: uppercase !important; font-family: Georgia !important } button { display: none !important }";
    await openStore(page, world, { token: await token(world.secret, world.alice.externalId), css });
    await launcher(page).click();
    const dialog = page.getByRole("dialog", { name: /^Cafe widget-/ });
    await expect(dialog.getByTestId("balance")).toHaveText("340");
    await expect(dialog).toContainText("Hi Alice Martin");
    await expect(dialog.getByTestId("reward")).toHaveText([/Free coffee/, /Tote bag/]);
    await expect(dialog).not.toContainText("7,777");
    const style = await dialog.getByTestId("balance").evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, fontSize: s.fontSize, textTransform: s.textTransform, font: s.fontFamily };
    });
    expect(style).toEqual({ color: "rgb(17, 24, 39)", fontSize: "34px", textTransform: "none", font: expect.stringMatching(/^system-ui/) });
    const redeem = dialog.getByTestId("reward").first().getByRole("button", { name: "Redeem", exact: true });
    expect(await redeem.evaluate((el) => getComputedStyle(el).display)).not.toBe("none");
    await expect(launcher(page)).toHaveAttribute("aria-expanded", "true");
  });

  test("a double click on Confirm redeems once: one redemption in the API, its coupon code shown, balance and rewards refreshed", async ({ page, world, request }) => {
    const alice = await token(world.secret, world.alice.externalId);
    await openStore(page, world, { token: alice });
    await launcher(page).click();
    const coffee = page.getByTestId("reward").filter({ hasText: world.coffee.title });
    await coffee.getByRole("button", { name: "Redeem", exact: true }).click();
    await coffee.getByRole("button", { name: "Confirm" }).dblclick();
    const code = page.getByTestId("coupon-code");
    await expect(code).toHaveText(/^CAFE-/);
    await expect(page.getByTestId("balance")).toHaveText("240");
    // Tote bag (250) is now out of reach.
    await expect(page.getByTestId("reward")).toHaveText([/Free coffee/]);
    const answer = await request.get(`/api/widget/v1/${world.publicId}/redemptions`, { headers: { Authorization: `Bearer ${alice}` } });
    const { data } = (await answer.json()) as { data: { items: { couponCode: string; rewardId: string }[] } };
    expect(data.items.map((r) => [r.rewardId, r.couponCode])).toEqual([[world.coffee.id, await code.textContent()]]);
    await expect(page.locator("body")).toHaveAttribute("data-redeemed", "1");
  });

  test("expired, forged and other-business tokens show a refusal or the programme, never anyone's points", async ({ page, world }) => {
    const expired = await token(world.secret, world.alice.externalId, -600);
    const refused = page.waitForResponse((r) => r.url().endsWith("/me") && r.request().method() === "GET");
    await openStore(page, world, { token: expired });
    expect((await refused).status()).toBe(401);
    await launcher(page).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("alert")).toHaveText("Your session has expired. Refresh the page to see your points.");
    await expect(page.locator("body")).toHaveAttribute("data-token-expired", "1");
    await expect(dialog.getByTestId("program")).toBeVisible();

    // Signed with another business's secret, naming our customer.
    const forged = page.waitForResponse((r) => r.url().endsWith("/me") && r.request().method() === "GET");
    await page.evaluate((t) => window.LoyaltyLedger!.setCustomerToken(t), await token(world.otherSecret, world.alice.externalId));
    expect((await forged).status()).toBe(401);
    await expect(dialog.getByRole("alert")).toHaveText("We couldn't confirm who you are. Try signing in again.");

    // Our secret, but a customer only the other business has: not a member here.
    await page.evaluate((t) => window.LoyaltyLedger!.setCustomerToken(t), await token(world.secret, world.carol.externalId));
    await expect(dialog.getByTestId("not-member")).toBeVisible();
    await expect(dialog.getByRole("alert")).toHaveCount(0);
    for (const figure of ["340", "240", "7,777", "9,191"]) await expect(dialog).not.toContainText(figure);
    await expect(dialog.getByTestId("balance")).toHaveCount(0);
  });

  test("a page on an origin the owner didn't allow is refused (403) and the panel says so", async ({ page, world, request }) => {
    // The browser reads nothing of the refusal (no CORS headers): the request fails for the page.
    const blocked = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/program"));
    await openStore(page, world, { origin: OTHER_STORE_ORIGIN, token: await token(world.secret, world.alice.externalId) });
    await blocked;
    const same = await request.get(`/api/widget/v1/${world.publicId}/program`, { headers: { Origin: OTHER_STORE_ORIGIN } });
    expect([same.status(), ((await same.json()) as { code: string }).code, same.headers()["access-control-allow-origin"]]).toEqual([403, "ORIGIN_NOT_ALLOWED", undefined]);
    await page.locator("loyalty-widget").getByRole("button").first().click();
    await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("The loyalty programme isn't available on this site.");
    await expect(page.getByTestId("balance")).toHaveCount(0);
    await expect(page.getByRole("dialog")).not.toContainText("340");
  });

  test("a visitor sees how to earn, the rewards with their costs, the referral offer and a join call to action", async ({ page, world }) => {
    await openStore(page, world);
    await launcher(page).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Earn 1 point for every €1.00 spent.");
    await expect(dialog.getByTestId("program-reward")).toHaveText([/Free coffee\s*100 points/, /Tote bag\s*250 points/, /City bike\s*50,000 points/]);
    await expect(dialog).toContainText("Your friend gets 50 points, you get 100 points after their first order of €20.00 or more.");
    await dialog.getByRole("button", { name: "Join / sign in" }).click();
    await expect(page.locator("body")).toHaveAttribute("data-sign-in", "1");
  });

  test("keyboard: Enter opens, Tab stays inside the dialog, Escape closes and focus returns to the launcher", async ({ page, world }) => {
    await openStore(page, world);
    await launcher(page).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toBeVisible();
    for (let i = 0; i < 12; i++) await page.keyboard.press("Tab");
    const inside = await page.locator("loyalty-widget").evaluate((el) => Boolean(el.shadowRoot!.activeElement?.closest("[role=dialog]")));
    expect(inside).toBe(true);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(launcher(page)).toBeFocused();
    await expect(launcher(page)).toHaveAttribute("aria-expanded", "false");
  });

  test("at 360 px wide the panel is a sheet entirely within the viewport", async ({ page, world }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openStore(page, world, { token: await token(world.secret, world.bob.externalId) });
    await launcher(page).click();
    await expect(page.getByTestId("balance")).toHaveText("7,777");
    const box = (await page.getByRole("dialog").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    expect(box.width).toBe(360);
  });

  test("a French page gets French words and numbers", async ({ page, world }) => {
    await openStore(page, world, { lang: "fr", token: await token(world.secret, world.bob.externalId) });
    await launcher(page).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("balance")).toHaveText(/^7\s777$/);
    await expect(dialog).toContainText("Vos points");
    await expect(dialog.getByTestId("reward").first().getByRole("button", { name: "Échanger", exact: true })).toHaveText("Échanger");
    await expect(dialog.getByRole("button", { name: "Fermer" })).toBeVisible();
  });

  test("page mode: the panel inline as a region; a blocked customer sees their points and a calm note, no Redeem; a program set before widget.js loads replaces /program", async ({ page, world, baseURL }) => {
    const dora = await token(world.secret, world.dora.externalId);
    const program = { business: { name: "Preview cafe", currency: "JPY", pointValuePer100: 50 }, appearance: { primaryColor: "#fde047", launcherText: "Perks" }, earn: { mode: "SPEND", rate: 10, pendingDays: 0, pointExpiryDays: null }, tiers: [], rewards: [{ id: "r1", title: "Cake", description: null, pointsCost: 80, validUntil: null }], referral: null };
    const html = `<!doctype html><html lang="en"><body>
<div style="width:420px"><loyalty-widget mode="page" business="${world.publicId}" customer-token="${dora}"></loyalty-widget></div>
<div style="width:380px"><loyalty-widget id="preview" mode="page" business="${world.publicId}"></loyalty-widget></div>
<script>document.getElementById("preview").program = ${JSON.stringify(program)};</script>
<script src="${new URL(baseURL!).origin}/widget.js" data-mount="none"></script></body></html>`;
    await page.route(`${STORE_ORIGIN}/**`, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto(`${STORE_ORIGIN}/member.html`);
    const member = page.getByRole("region", { name: /^Cafe widget-/ });
    await expect(member.getByTestId("balance")).toHaveText("4,321");
    await expect(member.getByTestId("blocked")).toHaveText(/on hold/);
    await expect(member.getByRole("button", { name: "Redeem" })).toHaveCount(0);
    const preview = page.getByRole("region", { name: "Preview cafe" });
    await expect(preview.getByTestId("program-reward")).toHaveText([/Cake\s*80 points/]);
    await expect(preview).toContainText("Earn 10 points for every ¥1 spent.");
    await expect(page.locator("loyalty-widget").getByRole("button", { name: /Perks|Our rewards/ })).toHaveCount(0);
    await expect(page.locator("loyalty-widget")).toHaveCount(2);
  });
});
