import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";

export type TeamMember = { userId: string; email: string; name: string | null; role: "OWNER" | "STAFF"; joinedAt: Date };

export async function listTeam(db: DbOrTx, actor: Actor): Promise<TeamMember[]> {
  const rows = await db.membership.findMany({
    where: { businessId: actor.businessId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt }));
}
