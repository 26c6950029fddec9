// The customer widget page: an owner switches the widget on and sets its look and sites (saved,
// read back after a reload and by widget.get), a bad site is refused in place with nothing
// saved, the secret is shown once (and rotated with a day's grace), the member page's QR code
// points at /m/<publicId> and prints alone as a poster. Staff can neither see nor change it.
import type { APIRequestContext } from "@playwright/test";
import { callApi, expect, test } from "./fixtures";

type WidgetView = { publicId: string; enabled: boolean; primaryColor: string; launcherText: string; allowedOrigins: string[]; hasSecret: boolean; embedCode: string };

// tRPC over HTTP with the page's session cookie (superjson's {json} wrapping).
const trpcGet = (request: APIRequestContext, path: string) => request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
async function widgetGet(request: APIRequestContext): Promise<WidgetView> {
  const response = await trpcGet(request, "widget.get");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: WidgetView } } }).result.data.json;
}

test("owner: switch on, colour, text and a site saved; a bad site refused in place; secret shown once; QR to the member page", async ({ freshOwnerPage: page, freshSeed, baseURL }) => {
  await page.goto("/widget");
  await expect(page.getByRole("heading", { level: 1, name: "Customer widget" })).toBeVisible();
  // The preview loads the real widget script without letting it mount a launcher on the portal.
  await expect(page.locator('script[src="/widget.js"][data-mount="none"]')).toHaveCount(1);
  const before = await widgetGet(page.request);
  expect(before).toMatchObject({ enabled: false, hasSecret: false, allowedOrigins: [] });
  const memberPage = (await (await trpcGet(page.request, "widget.memberPage")).json()) as { result: { data: { json: { businessName: string } } } };
  const businessName = memberPage.result.data.json.businessName;
  const preview = page.getByTestId("widget-preview-host").locator("loyalty-widget");
  await expect(preview).toHaveAttribute("mode", "page");
  await expect(preview).toHaveAttribute("business", before.publicId);
  await expect.poll(() => preview.evaluate((el) => (el as HTMLElement & { program?: { business: { name: string } } }).program?.business.name)).toBe(businessName);
  // The real widget renders the programme inline, and mounted no launcher of its own on the portal.
  await expect(preview.getByRole("region", { name: businessName })).toBeVisible();
  await expect(page.locator("loyalty-widget")).toHaveCount(1);
  await expect(page.getByTestId("embed-code")).toHaveText(`<script src="${baseURL}/widget.js" data-business="${before.publicId}" data-customer-token="CUSTOMER_TOKEN" async></script>`);

  // The member page's QR: an SVG with a real path, next to the address it encodes.
  await expect(page.getByTestId("member-url")).toHaveText(`${baseURL}/m/${before.publicId}`);
  const qrPath = page.getByTestId("member-qr").locator("svg path[stroke]");
  expect((await qrPath.getAttribute("d"))?.length).toBeGreaterThan(200);

  // A site with a path: the schema's sentence under that row, and nothing saved.
  await page.getByRole("button", { name: "Add a site" }).click();
  await page.getByRole("textbox", { name: "Allowed site 1" }).fill("https://shop.example/cart");
  await page.getByRole("switch").check();
  await page.getByRole("button", { name: "Save widget settings" }).click();
  await expect(page.getByText("https://shop.example/cart must be an origin only (scheme, host and port), without a path")).toBeVisible();
  expect(await widgetGet(page.request)).toMatchObject({ enabled: false, allowedOrigins: [] });

  // Fixed, and the look changed: the preview's launcher follows before saving.
  await page.getByRole("textbox", { name: "Allowed site 1" }).fill("https://Shop.Example");
  await page.getByLabel("Primary colour (hex)").fill("#0F766E");
  await page.getByLabel("Launcher text").fill("Earn & save");
  await expect(page.getByTestId("launcher-swatch")).toHaveText("Earn & save");
  await expect(preview).toHaveAttribute("primary-color", "#0f766e");
  await expect(preview).toHaveAttribute("launcher-text", "Earn & save");
  await expect.poll(() => preview.evaluate((el) => getComputedStyle(el).getPropertyValue("--ll-primary").trim())).toBe("#0f766e");
  await expect(page.getByLabel("Pick the primary colour")).toHaveValue("#0f766e");
  await page.getByRole("button", { name: "Save widget settings" }).click();
  await expect(page.getByText("Widget settings saved")).toBeVisible();

  // The secret: shown once, with the warning.
  await expect(page.getByTestId("secret-status")).toContainText("No secret yet");
  await page.getByRole("button", { name: "Create secret" }).click();
  await expect(page.getByText("Copy this secret now: you won't see it again.")).toBeVisible();
  await expect(page.getByTestId("widget-secret-value")).toHaveText(/^wsec_[\w-]{43}$/);

  await page.reload();
  await expect(page.getByRole("switch")).toBeChecked();
  await expect(page.getByLabel("Primary colour (hex)")).toHaveValue("#0f766e");
  await expect(page.getByLabel("Launcher text")).toHaveValue("Earn & save");
  await expect(page.getByRole("textbox", { name: "Allowed site 1" })).toHaveValue("https://shop.example");
  await expect(page.getByTestId("secret-status")).toContainText("A secret exists, made");
  await expect(page.getByTestId("widget-secret-value")).toHaveCount(0);
  expect(await widgetGet(page.request)).toMatchObject({ enabled: true, primaryColor: "#0f766e", launcherText: "Earn & save", allowedOrigins: ["https://shop.example"], hasSecret: true });

  // A rotation asks first, says the old secret lasts a day, and shows the new one once.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("keeps working for one more day (24 hours)");
  await confirm.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("widget-secret-value")).toHaveText(/^wsec_/);
  await expect(page.getByTestId("previous-secret")).toContainText("The previous secret still works until");

  // At the counter: a customer's own QR code signs them in on their phone, for 15 minutes.
  const customer = freshSeed.customers[0]!;
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole("button", { name: "Sign in on phone" }).click();
  const phone = page.getByRole("dialog", { name: "Sign in on their phone" });
  await expect(phone.getByTestId("member-link-qr").locator("svg path[stroke]")).toHaveCount(1);
  const link = new URL(await phone.getByTestId("member-link-url").inputValue());
  expect(link.pathname).toBe(`/m/${before.publicId}`);
  await phone.getByRole("button", { name: "Done" }).click();
  const customerPhone = await page.context().browser()!.newPage();
  await customerPhone.goto(`${link.pathname}${link.hash}`);
  const balance = (await callApi(page.request, freshSeed.apiKey, `/api/v1/points/balance?email=${encodeURIComponent(customer.email)}`)).json.data!.balance;
  await expect(customerPhone.locator("loyalty-widget").getByTestId("balance")).toHaveText(Number(balance).toLocaleString("en"));
  await customerPhone.close();
  await page.goto("/widget");

  // On paper: the poster alone (name, QR, a line to scan), not the portal.
  await page.emulateMedia({ media: "print" });
  const poster = page.getByTestId("member-poster");
  await expect(poster).toBeVisible();
  await expect(poster).toContainText("Scan to see your points");
  await expect(poster).toContainText(businessName);
  await expect(poster.locator("svg path[stroke]")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toBeHidden();
});

test("staff: no menu entry, an owners-only notice, and the widget procedures refuse them", async ({ staffPage: page }) => {
  await page.goto("/widget");
  await expect(page.getByTestId("forbidden")).toContainText("the customer widget");
  await expect(page.getByRole("link", { name: "Customer widget" })).toHaveCount(0);
  expect((await trpcGet(page.request, "widget.get")).status()).toBe(403);
  const update = await page.request.post("/api/trpc/widget.update", { data: { json: { enabled: true } } });
  expect(update.status()).toBe(403);
  expect((await trpcGet(page.request, "widget.preview")).status()).toBe(403);
});
