import { expect, screenshot, SERVER_WORK_TIMEOUT, signIn, test } from "./fixtures";

test("owner invites staff in the UI; they sign in with the temporary password", async ({ freshOwnerPage: page, browser, freshSeed }) => {
  // Inviting hashes a password and the invitee signs in: two waits of up to SERVER_WORK_TIMEOUT.
  test.slow();
  const email = `new-staff-${Date.now()}@e2e.test`;
  await page.goto("/team");
  await page.getByRole("button", { name: "Invite member" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name (optional)").fill("Nina New");
  await page.getByLabel("Temporary password").fill("temp-pass-123");
  await screenshot(page, "team-invite");
  await page.getByRole("button", { name: "Add to team" }).click();
  await expect(page.getByTestId("team-row").filter({ hasText: email })).toBeVisible({ timeout: SERVER_WORK_TIMEOUT });

  // The last owner can't be demoted: the server refuses and the role stays.
  await page.getByLabel(`Role of ${freshSeed.owner.email}`).selectOption("STAFF");
  await expect(page.getByText("A business needs at least one owner")).toBeVisible();
  await expect(page.getByLabel(`Role of ${freshSeed.owner.email}`)).toHaveValue("OWNER");

  const other = await browser.newPage();
  await signIn(other, { email, password: "temp-pass-123" });
  await expect(other.getByTestId("signed-in-user")).toHaveText("Nina New");
  await expect(other.getByRole("link", { name: "Team" })).toHaveCount(0);
  await other.close();
});

test("staff reverses an award; the balance and history follow", async ({ freshStaffPage: page, freshSeed }) => {
  const customer = freshSeed.customers[2]!; // one 80-point award
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("customer-balance")).toHaveText("80 pts");
  await page.getByTestId("history-row").filter({ hasText: "Purchase 2" }).getByRole("button", { name: "Reverse" }).click();
  await page.getByLabel("Reason for the reversal").fill("Keyed in twice");
  await page.getByRole("button", { name: "Reverse", exact: true }).last().click();
  await expect(page.getByTestId("customer-balance")).toHaveText("0 pts");
  await expect(page.getByTestId("history-row").first()).toContainText("reversal");
  // Reversed entries offer no second reversal.
  await expect(page.getByTestId("history-row").filter({ hasText: "Purchase 2" }).getByRole("button", { name: "Reverse" })).toHaveCount(0);
});
