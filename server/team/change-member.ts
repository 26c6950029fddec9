// Role changes and removals. A business always keeps at least one owner: otherwise nobody could
// manage keys, settings or the team again. The check and the change run under a lock on the
// business's memberships so two owners demoting each other at once can't both succeed.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";

export const changeRoleInput = z.object({ userId: z.uuid(), role: z.enum(["OWNER", "STAFF"]) });
export const removeMemberInput = z.object({ userId: z.uuid() });

async function lockedMembership(db: DbOrTx, businessId: string, userId: string) {
  await db.$queryRaw`SELECT id FROM memberships WHERE business_id = ${businessId}::uuid FOR UPDATE`;
  const member = await db.membership.findUnique({ where: { businessId_userId: { businessId, userId } } });
  if (!member) throw new AppError("NOT_FOUND", "No such team member in this business.");
  return member;
}

async function assertNotLastOwner(db: DbOrTx, businessId: string, role: string) {
  if (role !== "OWNER") return;
  const owners = await db.membership.count({ where: { businessId, role: "OWNER" } });
  if (owners <= 1) throw new AppError("CONFLICT", "A business needs at least one owner: make someone else an owner first.");
}

export async function changeMemberRole(db: DbOrTx, actor: Actor, input: z.input<typeof changeRoleInput>) {
  const data = changeRoleInput.parse(input);
  const member = await lockedMembership(db, actor.businessId, data.userId);
  if (member.role === data.role) return { userId: data.userId, role: data.role };
  await assertNotLastOwner(db, actor.businessId, member.role);
  await db.membership.update({ where: { businessId_id: { businessId: actor.businessId, id: member.id } }, data: { role: data.role } });
  await recordAudit(db, actor, { action: "team.role_changed", targetType: "user", targetId: data.userId, details: { from: member.role, to: data.role } });
  return { userId: data.userId, role: data.role };
}

export async function removeMember(db: DbOrTx, actor: Actor, input: z.input<typeof removeMemberInput>) {
  const data = removeMemberInput.parse(input);
  const member = await lockedMembership(db, actor.businessId, data.userId);
  await assertNotLastOwner(db, actor.businessId, member.role);
  await db.membership.delete({ where: { businessId_id: { businessId: actor.businessId, id: member.id } } });
  await recordAudit(db, actor, { action: "team.member_removed", targetType: "user", targetId: data.userId, details: { role: member.role } });
  return { userId: data.userId };
}
