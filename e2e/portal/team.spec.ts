import { expect, screenshot, SERVER_WORK_TIMEOUT, signIn, test } from "./fixtures";

test("owner invites a new person; they accept the link with their own password", async ({ freshOwnerPage: page, browser }) => {
  // Inviting, then creating the account and signing in: several server round trips.
  test.slow();
  const email = `new-staff-${Date.now()}@e2e.test`;
  await page.goto("/team");
  await page.getByRole("button", { name: "Invite member" }).click();
  await page.getByLabel("Email").fill(email);
  await screenshot(page, "team-invite");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = page.getByTestId("one-time-link");
  await expect(link).toHaveValue(/\/invite\/[\w-]{43}$/, { timeout: SERVER_WORK_TIMEOUT });
  await screenshot(page, "team-invitation-link");
  const url = await link.inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toBeVisible();
  // Not on the team until they accept.
  await expect(page.getByTestId("team-row").filter({ hasText: email })).toHaveCount(0);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(url);
  await expect(invitee.getByRole("heading", { name: /^Join Portal/ })).toBeVisible();
  await screenshot(invitee, "invite-accept");
  const password = `${Date.now()}-chosen-by-nina`;
  await invitee.getByLabel("Your name").fill("Nina New");
  await invitee.getByLabel(/^Choose a password/).fill(password);
  await invitee.getByLabel("Repeat the password").fill(password);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(/\/customers$/, { timeout: SERVER_WORK_TIMEOUT });
  await expect(invitee.getByTestId("signed-in-user")).toHaveText("Nina New");
  await expect(invitee.getByRole("link", { name: "Team" })).toHaveCount(0);
  // The link is spent.
  await invitee.goto(url);
  await expect(invitee.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();
  await invitee.context().close();

  await page.reload();
  await expect(page.getByTestId("team-row").filter({ hasText: email })).toBeVisible();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toHaveCount(0);
});

test("changing a role asks for confirmation; the last owner stays an owner", async ({ freshOwnerPage: page, freshSeed }) => {
  await page.goto("/team");
  const staffRole = page.getByLabel(`Role of ${freshSeed.staff.email}`);
  await staffRole.selectOption("OWNER");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: /^Make Sam Staff .* owner\?$/ })).toBeVisible();
  await screenshot(page, "team-role-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(staffRole).toHaveValue("STAFF");
  expect(await page.getByRole("dialog").count()).toBe(0);

  // The last owner can't be demoted: confirmed, the server refuses and the role stays.
  await page.getByLabel(`Role of ${freshSeed.owner.email}`).selectOption("STAFF");
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("A business needs at least one owner")).toBeVisible();
  await expect(page.getByLabel(`Role of ${freshSeed.owner.email}`)).toHaveValue("OWNER");

  await staffRole.selectOption("OWNER");
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("Role changed to owner.")).toBeVisible();
  await page.reload();
  await expect(staffRole).toHaveValue("OWNER");
});

test("owner makes a password reset link; the staff member sets a new password with it", async ({ freshOwnerPage: page, freshSeed, browser }) => {
  test.slow();
  await page.goto("/team");
  await page.getByTestId("team-row").filter({ hasText: freshSeed.temporary.email }).getByRole("button", { name: "Reset password" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Make reset link" }).click();
  const link = page.getByTestId("one-time-link");
  await expect(link).toHaveValue(/\/reset-password\/[\w-]{43}$/, { timeout: SERVER_WORK_TIMEOUT });
  const url = await link.inputValue();

  const person = await (await browser.newContext()).newPage();
  await person.goto(url);
  await expect(person.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await screenshot(person, "reset-password");
  const password = `${Date.now()}-reset-by-tia`;
  await person.getByLabel(/^New password/).fill(password);
  await person.getByLabel("Repeat the new password").fill(password);
  await person.getByRole("button", { name: "Set password" }).click();
  await expect(person.getByTestId("reset-done")).toBeVisible({ timeout: SERVER_WORK_TIMEOUT });
  // Chosen by the person, so no forced change afterwards.
  await signIn(person, { email: freshSeed.temporary.email, password });
  await person.context().close();
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
