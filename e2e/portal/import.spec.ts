import { expect, screenshot, test } from "./fixtures";

const CSV = ["email,name,opening_balance,tier", "new1@import.test,New One,250,Gold", "not-an-email,Bad,10,", "new2@import.test,New Two,,"].join("\n");
const file = { name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) };

test("owner checks a file (errors by line), imports the valid rows with their balances, and downloads the ledger", async ({ freshOwnerPage: page }) => {
  await page.goto("/customers");
  await page.getByTestId("import-customers").click();
  await expect(page.getByRole("heading", { name: "Import customers" })).toBeVisible();
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-check").click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("3 rows checked: 2 valid");
  await expect(report).toContainText("Nothing was written.");
  await expect(report.getByRole("row").filter({ hasText: "must be a valid email address" })).toContainText("3");
  await expect(report).toContainText("The tier column was ignored on 1 rows");
  // Invalid rows block the import until the owner chooses to skip them.
  await expect(page.getByTestId("import-run")).toBeDisabled();
  await page.getByTestId("import-skip-invalid").check();
  await screenshot(page, "customer-import-checked");
  await page.getByTestId("import-run").click();
  await expect(report).toContainText("2 customers created, 0 updated, 1 opening balances given");

  await page.goto("/customers");
  await page.getByPlaceholder("Search name, email or phone…").fill("new1@import.test");
  await expect(page.getByRole("row").filter({ hasText: "new1@import.test" })).toContainText("250");

  const csv = await page.request.get("/customers/import/ledger?from=2000-01-01&to=2099-12-31");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="ledger-/);
  const text = await csv.text();
  expect(text.split("\n")[0]).toMatch(/^entry_id,created_at,type,points/);
  expect(text).toContain(",ADJUST,250,250,");
  expect(text).toContain("new1@import.test");
});

test("staff can't import or export the ledger", async ({ staffPage: page }) => {
  await page.goto("/customers/import");
  await expect(page.getByTestId("forbidden")).toContainText("customer imports and ledger exports");
  const upload = await page.request.post("/customers/import/run", { headers: { "content-type": "text/csv" }, data: CSV });
  expect(upload.status()).toBe(403);
  expect((await page.request.get("/customers/import/ledger?from=2020-01-01&to=2020-01-02")).status()).toBe(403);
});
