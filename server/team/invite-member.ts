// Adds a person to the business with a temporary password the owner hands over. Someone who
// already has an account (another business) keeps their own password: we only add the
// membership, so one owner can't reset another business's user.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";

export const inviteMemberInput = z.object({
  email: z.email("must be a valid email address").max(254).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().max(120).optional(),
  temporaryPassword: z.string().min(8, "the temporary password must be at least 8 characters").max(200),
  role: z.enum(["OWNER", "STAFF"]).default("STAFF"),
});

export async function inviteMember(db: DbOrTx, actor: Actor, input: z.input<typeof inviteMemberInput>) {
  const data = inviteMemberInput.parse(input);
  const existing = await db.user.findUnique({ where: { email: data.email } });
  if (existing) {
    const member = await db.membership.findUnique({ where: { businessId_userId: { businessId: actor.businessId, userId: existing.id } } });
    if (member) throw new AppError("ALREADY_EXISTS", `${data.email} is already on this team.`);
  }
  const user =
    existing ??
    (await db.user.create({ data: { email: data.email, name: data.name || null, passwordHash: await hashPassword(data.temporaryPassword) } }));
  await db.membership.create({ data: { businessId: actor.businessId, userId: user.id, role: data.role } });
  await recordAudit(db, actor, { action: "team.member_added", targetType: "user", targetId: user.id, details: { email: data.email, role: data.role } });
  return { userId: user.id, email: user.email, existingAccount: Boolean(existing) };
}
