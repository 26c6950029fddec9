import { callApi, expect, shootWidths, test } from "./fixtures";

const SHOTS = "test-results/screens/orders";
// 100.00 of beans: 100 points at the default earn rate, awarded at once when it arrives paid.
const order = (externalId: string, customerId: string, status = "PAID") => ({
  externalId, customerId, currency: "USD", subtotal: 10_000, status, items: [{ productExternalId: "beans-1kg", quantity: 4, unitPrice: 2500 }],
});

test("staff find an order, open it, refund part of it and see the points taken back; no sideways scroll on a phone", async ({ freshStaffPage: page, freshSeed: seed }) => {
  const customer = seed.customers[1]!;
  for (const body of [order("SO-E2E-1", customer.id), order("SO-E2E-2", customer.id, "PENDING"), order("WEB-77", seed.customers[2]!.id)]) {
    expect((await callApi(page.request, seed.apiKey, "/api/v1/orders", body)).status).toBe(201);
  }

  await page.goto("/orders");
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  await page.getByLabel("Search orders").fill("e2e-1");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row")).toContainText("100 awarded");
  await page.getByLabel("Search orders").fill("");
  await page.getByLabel("Status").selectOption("PENDING");
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row")).toContainText("SO-E2E-2");
  await page.getByLabel("Status").selectOption("");
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  // Staff see no export: it is the owner's (and the route refuses them).
  await expect(page.getByTestId("orders-export")).toHaveCount(0);
  expect((await page.request.get("/orders/export")).status()).toBe(403);
  await shootWidths(page, SHOTS, "orders-list");

  await page.getByRole("link", { name: "SO-E2E-1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Order SO-E2E-1");
  await expect(page.getByTestId("order-customer")).toContainText(`Customer 1`);
  await expect(page.getByTestId("order-points-awarded")).toHaveText("100");
  await expect(page.getByTestId("order-line")).toContainText("beans-1kg");

  await page.getByTestId("refund-amount").fill("25.00");
  await page.getByTestId("refund-submit").click();
  await page.getByRole("button", { name: "Record refund" }).click();
  await expect(page.getByTestId("refund-outcome")).toContainText("Refunded $25.00. 25 points taken back from the customer.");
  await expect(page.getByTestId("order-points-refunded")).toHaveText("25");
  await expect(page.getByTestId("refund-row")).toHaveCount(1);
  await expect(page.getByTestId("order-entry")).toHaveCount(2);
  await expect(page.getByTestId("order-entry").last()).toContainText("−25");

  // The order and the ledger agree, read through the public API.
  const api = await callApi(page.request, seed.apiKey, "/api/v1/orders/SO-E2E-1");
  expect(api.json.data).toMatchObject({ amountRefunded: 2500, pointsRefunded: 25, pointsUnrecovered: 0 });
  const balance = await callApi(page.request, seed.apiKey, `/api/v1/points/balance?customerId=${customer.id}`);
  expect(balance.json.data?.balance).toBe(320 + 100 - 25);

  // More than is left is refused in the form, before anything is sent.
  await page.getByTestId("refund-amount").fill("80.00");
  await page.getByTestId("refund-submit").click();
  await expect(page.getByTestId("refund-error")).toContainText("At most $75.00 is left to refund");
  await shootWidths(page, SHOTS, "order-detail");
});

test("the owner downloads the orders of a date range as CSV, one row per line", async ({ freshOwnerPage: page, freshSeed: seed }) => {
  const body = { ...order("SO-CSV-1", seed.customers[0]!.id), items: [{ productExternalId: "beans-1kg", quantity: 2, unitPrice: 2500 }, { productExternalId: "mug", quantity: 1, unitPrice: 5000 }] };
  expect((await callApi(page.request, seed.apiKey, "/api/v1/orders", body)).status).toBe(201);
  const today = new Date().toISOString().slice(0, 10);
  await page.goto("/orders");
  await page.getByTestId("orders-from").fill(today);
  await page.getByTestId("orders-to").fill(today);
  await expect(page.getByTestId("orders-export")).toHaveAttribute("href", `/orders/export?from=${today}&to=${today}`);
  const download = page.waitForEvent("download");
  await page.getByTestId("orders-export").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`orders-portal-${seed.owner.email.slice("owner-".length, -"@e2e.test".length)}-${today}-to-${today}.csv`);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = text.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^order_id,order_external_id,placed_at,status,/);
  expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["SO-CSV-1", "SO-CSV-1"]);
  expect(lines[2]).toContain(",mug,1,5000,5000,false,5000,50,0");
});
