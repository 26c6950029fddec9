// The audit log for the portal, newest first, filtered by action and date. Both filters ride
// the (business_id, action, created_at DESC) and (business_id, created_at DESC) indexes.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";

export const listAuditInput = z.object({
  action: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  limit: z.number().int().min(1).max(100).default(50),
});

export type AuditRow = {
  id: string;
  action: string;
  actorType: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  createdAt: Date;
};

export async function listAudit(db: DbOrTx, actor: Actor, input: z.input<typeof listAuditInput>) {
  const data = listAuditInput.parse(input);
  const where = {
    businessId: actor.businessId,
    action: data.action || undefined,
    createdAt: data.from || data.to ? { gte: data.from, lt: data.to } : undefined,
  };
  const [rows, total, actions] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (data.page - 1) * data.limit, take: data.limit }),
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where: { businessId: actor.businessId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  const items: AuditRow[] = rows.map((r) => ({ ...r, id: r.id.toString(), details: r.details }));
  return {
    items,
    actions: actions.map((a) => a.action),
    pagination: { page: data.page, limit: data.limit, total, totalPages: Math.max(1, Math.ceil(total / data.limit)) },
  };
}
