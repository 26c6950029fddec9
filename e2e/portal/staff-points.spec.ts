import { callApi, expect, screenshot, shootWidths, test } from "./fixtures";

test("staff adjusts points: new balance, history row, audit trail", async ({ staffPage: page, seed }) => {
  const customer = seed.customers[1]!; // 320 points
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("customer-balance")).toHaveText("320 pts");
  await page.getByLabel("Points (+ to add, − to remove)").fill("45");
  await page.locator('input[name="reason"]').fill("Birthday bonus");
  await expect(page.getByTestId("resulting-balance")).toContainText("365");
  await page.getByRole("button", { name: "Apply adjustment" }).click();
  await expect(page.getByTestId("customer-balance")).toHaveText("365 pts");
  const row = page.getByTestId("history-row").first();
  await expect(row).toContainText("Birthday bonus");
  await expect(row).toContainText("+45");
  await expect(row).toContainText("Sam Staff");
  // The ledger agrees, read through the public API.
  const balance = await callApi(page.request, seed.apiKey, `/api/v1/points/balance?customerId=${customer.id}`);
  expect(balance.json.data?.balance).toBe(365);
  await screenshot(page, "customer-detail");
  // The audit log names who, the points, the reason and the entry.
  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("points.*");
  const audit = page.getByTestId("audit-row").filter({ hasText: "Birthday bonus" });
  await expect(audit).toHaveCount(1);
  await expect(audit).toContainText("points by +45: Birthday bonus");
  await expect(audit).toContainText("by Sam Staff");
  await audit.getByText("Details").click();
  await expect(audit.locator("pre")).toContainText(/"entryId": "[0-9a-f-]{36}"/);
  await shootWidths(page, "test-results/screens", "audit-points");
  // The row links the customer it names.
  await audit.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
});

test("overdrawing is rejected, in the form and by the ledger when the balance moved meanwhile", async ({ staffPage: page, seed }) => {
  const customer = seed.customers[2]!; // 80 points
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("customer-balance")).toHaveText("80 pts");
  await page.getByLabel("Points (+ to add, − to remove)").fill("-100");
  await page.locator('input[name="reason"]').fill("Too much");
  await page.getByRole("button", { name: "Apply adjustment" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Not enough points: the balance is 80");

  // A till redeems while the page still shows 80: the server must refuse -80 now.
  const redeem = await callApi(page.request, seed.apiKey, "/api/v1/points/redeem", { customerId: customer.id, amount: 30 });
  expect(redeem.status).toBe(201);
  await page.getByLabel("Points (+ to add, − to remove)").fill("-80");
  await page.getByRole("button", { name: "Apply adjustment" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Not enough points");
  const balance = await callApi(page.request, seed.apiKey, `/api/v1/points/balance?customerId=${customer.id}`);
  expect(balance.json.data?.balance).toBe(50);
});

test("locking a customer makes an API redemption fail with 403", async ({ staffPage: page, seed }) => {
  const customer = seed.customers[0]!;
  await page.goto(`/customers/${customer.id}`);
  const before = await callApi(page.request, seed.apiKey, `/api/v1/points/balance?customerId=${customer.id}`);
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  await page.getByRole("button", { name: "Lock customer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Locked");
  const redeem = await callApi(page.request, seed.apiKey, "/api/v1/points/redeem", { customerId: customer.id, amount: 10 });
  expect(redeem.status).toBe(403);
  expect(redeem.json.code).toBe("CUSTOMER_BLOCKED");
  const after = await callApi(page.request, seed.apiKey, `/api/v1/points/balance?customerId=${customer.id}`);
  expect(after.json.data?.balance).toBe(before.json.data?.balance);
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toContainText("customer.blocked");
});
