// Referrals on a business no other test touches: the program's referral points are set through
// the API, one customer refers two people, one of whom orders (completing it). The owner sees both
// on the Referrals page and the referrer's code on their customer page; staff see the list too.
// Screenshots at desktop and phone widths go to SHOTS for a person to look at.
import { callApi, expect, shootWidths, test } from "./fixtures";

const SHOTS = "/tmp/referrals-shots";

test("owner and staff see referrals with their status and points; the customer page shows the referral code", async ({ freshSeed, freshOwnerPage: page, freshStaffPage: staff, request }) => {
  const headers = { authorization: `Bearer ${freshSeed.apiKey}` };
  const program = ((await (await request.get("/api/v1/program", { headers })).json()) as { data: Record<string, unknown> }).data;
  const put = await request.put("/api/v1/program", { headers, data: { ...program, referrerPoints: 500, refereePoints: 250, referralMinimumOrder: 2000 } });
  expect(put.status(), await put.text()).toBe(200);

  const referrer = freshSeed.customers[0]!;
  const first = await callApi(request, freshSeed.apiKey, "/api/v1/referrals", { referrer: referrer.id, refereeEmail: "new.friend@e2e.test" });
  expect(first.status, JSON.stringify(first.json)).toBe(201);
  const second = await callApi(request, freshSeed.apiKey, "/api/v1/referrals", { referrer: referrer.id, refereePhone: "+15550123456" });
  expect(second.status, JSON.stringify(second.json)).toBe(201);
  const order = await callApi(request, freshSeed.apiKey, "/api/v1/orders", {
    externalId: "E2E-REF-1", customerEmail: "new.friend@e2e.test", currency: "USD", subtotal: 4500, status: "PAID",
    items: [{ productExternalId: "beans", quantity: 1, unitPrice: 4500 }],
  });
  expect(order.status, JSON.stringify(order.json)).toBe(201);

  await page.goto("/referrals");
  await expect(page.getByTestId("referral-row")).toHaveCount(2);
  const completed = page.getByTestId("referral-row").filter({ hasText: "Completed" });
  await expect(completed).toContainText("new.friend@e2e.test");
  await expect(completed).toContainText("500 + 250");
  await expect(page.getByTestId("referral-row").filter({ hasText: "Pending" })).toContainText("+15550123456");
  await shootWidths(page, SHOTS, "referrals-owner");
  await page.getByLabel("Status").selectOption("PENDING");
  await expect(page.getByTestId("referral-row")).toHaveCount(1);

  await page.goto(`/customers/${referrer.id}`);
  await expect(page.getByTestId("referral-code")).toContainText(/Referral code [2-9A-HJ-NP-Z]{8}/);
  await shootWidths(page, SHOTS, "customer-referral-code");

  await page.goto("/settings");
  await expect(page.getByLabel("Points for the referrer")).toHaveValue("500");
  await shootWidths(page, SHOTS, "settings-referrals");

  await staff.goto("/referrals");
  await expect(staff.getByTestId("referral-row")).toHaveCount(2);
  await expect(staff.getByRole("link", { name: "Referrals" })).toBeVisible();
});
