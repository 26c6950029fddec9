// The products page on a business no other test touches: its catalogue is sent through the
// public API (the way a shop's systems would), the owner searches it and excludes a product
// from earning, and staff see the same list without the toggle. Screenshots at desktop and
// phone widths go to SHOTS for a person to look at.
import { callApi, expect, shootWidths, test } from "./fixtures";

const SHOTS = "/tmp/products-shots";

const catalogue = [
  { externalId: "lat-1", name: "Latte", sku: "HOT-LAT-12", category: "Hot drinks", priceMinor: 450 },
  { externalId: "fw-1", name: "Flat white", sku: "HOT-FW-8", category: "Hot drinks", priceMinor: 395 },
  { externalId: "gift-25", name: "Gift card 25", sku: "GIFT-25", category: "Gift cards", priceMinor: 2500 },
  { externalId: "muf-1", name: "Blueberry muffin with a rather long name for a small phone screen", category: "Bakery", priceMinor: 325, active: false },
  { externalId: "beans-1", name: "House beans 1 kg", sku: "BEANS-1KG", category: "Retail" },
];

test("owner searches the catalogue and excludes a product from earning; staff see it but can't toggle", async ({ freshSeed, freshOwnerPage: page, freshStaffPage: staff, request }) => {
  const sent = await callApi(request, freshSeed.apiKey, "/api/v1/products/bulk", { products: catalogue });
  expect(sent.status, JSON.stringify(sent.json)).toBe(200);

  await page.goto("/products");
  await expect(page.getByTestId("product-row")).toHaveCount(5);
  await expect(page.getByTestId("product-row").filter({ hasText: "Latte" })).toContainText("$4.50");
  await shoot(page, "products-owner");

  await page.getByLabel("Search products").fill("gift");
  await expect(page.getByTestId("product-row")).toHaveCount(1);
  const gift = page.getByTestId("product-row").filter({ hasText: "Gift card 25" });
  await expect(gift).toContainText("Earns points");
  await gift.getByRole("button", { name: "Exclude from earning" }).click();
  await expect(page.getByText("Gift card 25 no longer earns points")).toBeVisible();
  await expect(gift).toContainText("Excluded from earning");
  await expect(gift.getByRole("button", { name: "Include in earning" })).toBeVisible();

  await page.getByLabel("Search products").fill("");
  await page.getByLabel("Earning").selectOption("true");
  await expect(page.getByTestId("product-row")).toHaveCount(1);
  await expect(page.getByTestId("product-row")).toContainText("Gift card 25");
  await shoot(page, "products-owner-excluded");

  // The API sees the change the owner made.
  const read = await request.get("/api/v1/products/gift-25", { headers: { authorization: `Bearer ${freshSeed.apiKey}` } });
  expect(((await read.json()) as { data: { excluded: boolean } }).data.excluded).toBe(true);

  await staff.goto("/products");
  await expect(staff.getByTestId("product-row")).toHaveCount(5);
  await expect(staff.getByTestId("product-row").filter({ hasText: "Gift card 25" })).toContainText("Excluded from earning");
  await expect(staff.getByRole("button", { name: /from earning|in earning/ })).toHaveCount(0);
  await shootWidths(staff, SHOTS, "products-staff");
});

const shoot = (page: Parameters<typeof shootWidths>[0], name: string) => shootWidths(page, SHOTS, name);
