import { beforeAll, describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { hashPassword, verifyPassword } from "../auth/password";
import { db } from "../db/client";
import { addMember } from "../trpc/portal-fixtures";
import { changePassword } from "./change-password";
import { randomPassword } from "./one-time-token";

let userId: string;
const current = randomPassword();

beforeAll(async () => {
  const { business } = await makeBusiness();
  userId = (await addMember(business.id, { email: `pw-${Date.now()}@test.dev`, name: "Pat" }, "STAFF")).id;
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(current), mustChangePassword: true } });
});

const state = () => db.user.findUniqueOrThrow({ where: { id: userId } });

describe("changePassword", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const before = await state();
    await expect(changePassword(db, userId, { currentPassword: "not-the-password", newPassword: randomPassword() })).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
      message: "Your current password is not right.",
    });
    expect(await state()).toEqual(before);
  });

  it("applies the password policy to the new password", async () => {
    const before = await state();
    await expect(changePassword(db, userId, { currentPassword: current, newPassword: "short" })).rejects.toThrow(/at least 10 characters/);
    expect(await state()).toEqual(before);
  });

  it("changes the password, bumps the session version and clears the temporary flag", async () => {
    const before = await state();
    const next = randomPassword();
    const result = await changePassword(db, userId, { currentPassword: current, newPassword: next });
    const after = await state();
    expect(result.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after).toMatchObject({ sessionVersion: before.sessionVersion + 1, mustChangePassword: false });
    expect(await verifyPassword(next, after.passwordHash)).toBe(true);
    expect(await verifyPassword(current, after.passwordHash)).toBe(false);
  });
});
