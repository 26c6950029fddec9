// Using a reset link: the person chooses a new password (policy applies), every session of the
// account ends, and the link is spent. Run inside a transaction.
import { z } from "zod";
import { portalActor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { newPasswordSchema } from "../auth/password-policy";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { hashOneTimeToken } from "./one-time-token";
import { assertMayResetPassword } from "./reset-access";

export const resetPasswordInput = z.object({ token: z.string().min(1).max(200), newPassword: newPasswordSchema });

const SPENT = "This link has expired or was already used. Ask an owner of your business for a new one.";

export async function findPasswordReset(db: DbOrTx, token: string) {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashOneTimeToken(token) }, include: { user: { select: { email: true } } } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return { email: row.user.email, expiresAt: row.expiresAt };
}

export async function resetPassword(db: DbOrTx, input: z.input<typeof resetPasswordInput>) {
  const data = await resetPasswordInput.parseAsync(input);
  const tokenHash = hashOneTimeToken(data.token);
  // Claim the link first: of two uses at once, only one updates the row.
  const claimed = await db.passwordResetToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw new AppError("NOT_FOUND", SPENT);
  const row = await db.passwordResetToken.findUniqueOrThrow({ where: { tokenHash } });
  if (!row.createdById) throw new AppError("NOT_FOUND", SPENT);
  const memberships = await assertMayResetPassword(db, row.createdById, row.userId);
  const user = await db.user.update({
    where: { id: row.userId },
    data: { passwordHash: await hashPassword(data.newPassword), mustChangePassword: false, sessionVersion: { increment: 1 } },
  });
  for (const m of memberships) {
    await recordAudit(db, portalActor(user, m.businessId), { action: "user.password_reset", targetType: "user", targetId: user.id, details: { issuedBy: row.createdById } });
  }
  return { email: user.email };
}
