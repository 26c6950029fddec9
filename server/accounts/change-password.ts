// A signed-in person changes their own password: the current one proves it is them, the new
// one follows the password policy. Every other session ends (session_version), and a temporary
// password stops being temporary.
import { z } from "zod";
import { newPasswordSchema } from "../auth/password-policy";
import { hashPassword, verifyPassword } from "../auth/password";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(200),
  newPassword: newPasswordSchema,
});

export async function changePassword(db: DbOrTx, userId: string, input: z.input<typeof changePasswordInput>) {
  const data = await changePasswordInput.parseAsync(input);
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("UNAUTHORIZED", "Please sign in again.");
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw new AppError("VALIDATION_ERROR", "Your current password is not right.");
  }
  if (data.currentPassword === data.newPassword) throw new AppError("VALIDATION_ERROR", "Choose a new password that differs from the current one.");
  const updated = await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(data.newPassword), mustChangePassword: false, sessionVersion: { increment: 1 } },
  });
  // A reset link made before this change must not undo it.
  await db.passwordResetToken.deleteMany({ where: { userId } });
  return { email: updated.email, sessionVersion: updated.sessionVersion };
}

// "Sign out everywhere": every JWT issued so far carries an older version and stops working.
export async function endAllSessions(db: DbOrTx, userId: string) {
  const updated = await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  return { sessionVersion: updated.sessionVersion };
}
