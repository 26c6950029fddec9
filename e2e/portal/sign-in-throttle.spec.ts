// Through the real login form: the throttled sentence, and `?next=` kept only on our own site.
import { randomBytes } from "node:crypto";
import { expect, SERVER_WORK_TIMEOUT, test } from "./fixtures";

test("after too many wrong passwords the form says to wait, in minutes", async ({ page }) => {
  test.slow(); // six server round trips, each with a hash
  // An email no one has: throttled exactly like a real account, and locks out no one.
  const email = `throttled-${randomBytes(4).toString("hex")}@e2e.test`;
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(randomBytes(9).toString("base64url"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText("That email and password don't match an account.", { timeout: SERVER_WORK_TIMEOUT });
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled({ timeout: SERVER_WORK_TIMEOUT });
  }
  await page.getByLabel("Password").fill(randomBytes(9).toString("base64url"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Too many sign-in attempts; try again in 15 minutes.", { timeout: SERVER_WORK_TIMEOUT });
});

test("a ?next= pointing at another host lands on the portal instead", async ({ page, seed }) => {
  test.slow();
  await page.goto(`/login?next=${encodeURIComponent("/\\evil.example/x")}`);
  const next = page.locator('input[name="next"]');
  await expect(next).toHaveValue("/customers"); // the page cleaned it
  // The action checks again: a form posted with a hand-made value gets the same answer.
  await next.evaluate((input: HTMLInputElement) => (input.value = "/\\evil.example/x"));
  await page.getByLabel("Email").fill(seed.owner.email);
  await page.getByLabel("Password").fill(seed.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/customers$/, { timeout: SERVER_WORK_TIMEOUT });
});
