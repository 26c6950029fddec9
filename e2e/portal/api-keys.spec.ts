import { callApi, expect, screenshot, test } from "./fixtures";

test("owner creates a key, uses it on the public API, revokes it: next call 401", async ({ ownerPage: page }) => {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("Name").fill("E2E web store");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^ll_live_[0-9A-Za-z]{32}$/);
  await screenshot(page, "api-key-created");
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("api-key-row").filter({ hasText: "E2E web store" });
  await expect(row).toContainText(key.slice(-4));
  await expect(page.getByText(key)).toHaveCount(0); // shown once only

  // A customer of its own, so the other tests' balances stay exact.
  const customerEmail = `api-key-${Date.now()}@e2e.test`;
  const award = await callApi(page.request, key, "/api/v1/points/award", { customerEmail, amount: 5 });
  expect(award.status).toBe(201);
  expect(award.json.data).toMatchObject({ balance: expect.any(Number) });
  await screenshot(page, "api-keys");

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await callApi(page.request, key, `/api/v1/points/balance?email=${customerEmail}`);
  expect(refused.status).toBe(401);
});

test("owner creates a key that can only erase customers: it erases, a customers:write key can't", async ({ ownerPage: page }) => {
  const createKey = async (name: string, scopes: string[]) => {
    await page.goto("/api-keys");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByLabel("Name").fill(name);
    for (const scope of ["points:read", "points:write"]) await page.getByRole("checkbox", { name: scope }).uncheck();
    for (const scope of scopes) await page.getByRole("checkbox", { name: scope }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText(scopes.join(""));
    return key;
  };
  const eraser = await createKey("E2E erasure desk", ["customers:erase"]);
  const writer = await createKey("E2E CRM sync", ["customers:write"]);
  const created = await callApi(page.request, writer, "/api/v1/customers", { email: `erase-${Date.now()}@e2e.test`, name: "To be erased" });
  expect(created.status).toBe(201);
  const id = (created.json.data as { customer: { id: string } }).customer.id;
  const erase = (key: string) => page.request.delete(`/api/v1/customers/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect((await erase(writer)).status()).toBe(403);
  const erased = await erase(eraser);
  expect(erased.status()).toBe(200);
  expect(await erased.json()).toMatchObject({ success: true, data: { erased: true } });
});

test("staff cannot reach the API keys page", async ({ staffPage: page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await page.goto("/api-keys");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("api-key-row")).toHaveCount(0);
  await screenshot(page, "staff-forbidden");
});
