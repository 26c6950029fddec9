// "Sign out phones": ends every member page session of a customer and withdraws their unused
// sign-in links, for a lost phone or a shared tablet at the counter. Sessions are tokens we
// don't keep, so they are ended by time: the widget route refuses those issued before the
// customer's member_sessions_ended_at. Staff and owners may; audited.
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";

export async function endMemberSessions(db: DbOrTx, actor: Actor, input: { customerId: string }, now: Date = new Date()): Promise<{ endedAt: Date; linksWithdrawn: number }> {
  const businessId = actor.businessId;
  const ended = await db.customer.updateMany({ where: { businessId, id: input.customerId, erasedAt: null }, data: { memberSessionsEndedAt: now } });
  if (ended.count === 0) throw new AppError("NOT_FOUND", "No such customer in this business.");
  const links = await db.memberLink.updateMany({ where: { businessId, customerId: input.customerId, usedAt: null }, data: { usedAt: now } });
  await recordAudit(db, actor, { action: "customer.member_sessions_ended", targetType: "customer", targetId: input.customerId, details: { linksWithdrawn: links.count } });
  return { endedAt: now, linksWithdrawn: links.count };
}
