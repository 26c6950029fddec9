// The member page (/m/<publicId>) in a browser: a till's sign-in link signs the customer in,
// the session kept in localStorage works with the widget API, a bad link says why, and an
// unknown page is a 404. The e2e server sends no mail, so the page says email sign-in is
// unavailable (the code flow is in app/api/widget/v1/member-sign-in.int.test.ts).
import { callApi } from "../portal/call-api";
import { expect, test } from "../portal/fixtures";

type MemberSeed = { publicId: string; businessName: string; apiKey: string; customer: { id: string; email: string }; balance: number; expiredLink: string };

const SEED_TIMEOUT = 120_000;

test.describe("member page", () => {
  let seed: MemberSeed;
  test.beforeEach(async ({ seeder }, testInfo) => {
    test.setTimeout(SEED_TIMEOUT + 30_000);
    if (!seed) seed = (await seeder.seed(`member-w${testInfo.workerIndex}-${Date.now().toString(36)}`, SEED_TIMEOUT)) as unknown as MemberSeed;
  });

  test("a till's sign-in link opens a signed-in page whose kept session reads the balance; sign out forgets it", async ({ page, request }) => {
    const made = await callApi(request, seed.apiKey, `/api/v1/customers/${seed.customer.id}/member-link`, { expiresInMinutes: 5 });
    expect(made.status).toBe(201);
    const url = new URL(String(made.json.data!.url));
    expect(url.hash).toMatch(/^#link=/);
    await page.goto(`${url.pathname}${url.hash}`);
    await expect(page.getByRole("heading", { level: 1, name: seed.businessName })).toBeVisible();
    const widget = page.locator("loyalty-widget");
    await expect(widget).toHaveAttribute("customer-token", /^ey/);
    await expect(widget).toHaveAttribute("mode", "page");
    await expect(widget).toHaveAttribute("business", seed.publicId);
    // The link left the address bar.
    expect(new URL(page.url()).hash).toBe("");

    const me = await page.evaluate(async (publicId) => {
      const kept = JSON.parse(localStorage.getItem(`loyalty-member:${publicId}`) ?? "null") as { token: string } | null;
      const response = await fetch(`/api/widget/v1/${publicId}/me`, { headers: { authorization: `Bearer ${kept?.token}` } });
      return { status: response.status, body: await response.json() };
    }, seed.publicId);
    expect(me).toMatchObject({ status: 200, body: { data: { member: true, balance: seed.balance } } });
    // widget.js draws the panel inline, with the customer's balance.
    await expect(widget.getByRole("region", { name: seed.businessName })).toBeVisible();
    await expect(widget.getByTestId("balance")).toContainText(seed.balance.toLocaleString("en"));
    const token = await widget.getAttribute("customer-token");

    await page.reload();
    await expect(widget).toHaveAttribute("customer-token", token!);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByTestId("email-unavailable")).toContainText("Ask the shop for a sign-in link");
    await expect(widget).not.toHaveAttribute("customer-token");
    await expect(widget.getByTestId("balance")).toHaveCount(0);
    expect(await page.evaluate((publicId) => localStorage.getItem(`loyalty-member:${publicId}`), seed.publicId)).toBeNull();
  });

  test("a kept session the API no longer accepts signs the page out", async ({ page }) => {
    // A session signed by another server (as after AUTH_SECRET changed): the widget API says
    // TOKEN_INVALID, the widget tells the page, and the page asks to sign in again.
    const [header, payload] = seed.expiredLink.split(".");
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), iss: "loyalty-ledger:member-session", exp: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url")}.${"A".repeat(43)}`;
    await page.goto("about:blank");
    await page.goto(`/m/${seed.publicId}`);
    await page.evaluate(([publicId, token]) => localStorage.setItem(`loyalty-member:${publicId}`, JSON.stringify({ token, expiresAt: null })), [seed.publicId, forged]);
    await page.reload();
    await expect(page.getByTestId("member-notice")).toContainText("no longer valid");
    expect(await page.evaluate((publicId) => localStorage.getItem(`loyalty-member:${publicId}`), seed.publicId)).toBeNull();
  });

  test("an expired or forged link is refused with a clear message and no session", async ({ page }) => {
    await page.goto(`/m/${seed.publicId}#link=${seed.expiredLink}`);
    await expect(page.getByTestId("member-notice")).toContainText("This sign-in link has expired; ask the shop for a new one.");
    await expect(page.getByTestId("email-unavailable")).toBeVisible();
    await expect(page.locator("loyalty-widget")).not.toHaveAttribute("customer-token");

    const [header, payload] = seed.expiredLink.split(".");
    // Off the page first: a new fragment on the same path would not load the page again.
    await page.goto("about:blank");
    await page.goto(`/m/${seed.publicId}#link=${header}.${payload}.${"A".repeat(43)}`);
    await expect(page.getByTestId("member-notice")).toContainText("This sign-in link is not valid");
    expect(await page.evaluate((publicId) => localStorage.getItem(`loyalty-member:${publicId}`), seed.publicId)).toBeNull();
  });

  test("a French browser gets the page and the panel in French, refusals included", async ({ browser }) => {
    const context = await browser.newContext({ locale: "fr-FR" });
    try {
      const page = await context.newPage();
      await page.goto(`/m/${seed.publicId}#link=${seed.expiredLink}`);
      await expect(page.getByRole("heading", { level: 2, name: "Connectez-vous pour voir vos points" })).toBeVisible();
      await expect(page.locator("main")).toHaveAttribute("lang", "fr");
      await expect(page).toHaveTitle(new RegExp(`^Fidélité ${seed.businessName}`));
      await expect(page.getByTestId("member-notice")).toHaveText("Ce lien de connexion a expiré ; demandez-en un nouveau à la boutique.");
      await expect(page.getByTestId("email-unavailable")).toContainText("La connexion par e-mail n'est pas disponible");
      await expect(page.locator("loyalty-widget")).toHaveAttribute("locale", "fr");
      await expect(page.locator("loyalty-widget").getByText("Comment ça marche")).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("an unknown public id is a 404 page", async ({ page }) => {
    const response = await page.goto("/m/pub_00000000000000000000000000000000");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No rewards page here" })).toBeVisible();
  });
});
