// The audit log for the portal, newest first, filtered by action (or a group of them: "points.*"
// is every adjustment and reversal), by who did it and by date. Each row comes with its story in
// words and a link to what it names (describe-audit.ts, audit-targets.ts), not raw JSON.
// The filters ride the (business_id, action, created_at DESC) and (business_id, created_at DESC)
// indexes.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { auditTargets, targetOf } from "./audit-targets";
import { describeAudit } from "./describe-audit";
import { AppError } from "../errors";

export const listAuditInput = z.object({
  action: z.string().trim().max(100).optional(),
  // "<actorType>:<actorId>", as listed in `people`; a person's actions wherever they came from.
  person: z.string().trim().max(200).optional(),
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
  targetName: string | null;
  targetHref: string | null;
  summary: string;
  details: unknown;
  createdAt: Date;
};

export async function listAudit(db: DbOrTx, actor: Actor, input: z.input<typeof listAuditInput>) {
  const data = listAuditInput.parse(input);
  const group = data.action?.endsWith(".*") ? data.action.slice(0, -1) : null;
  const [personType, ...personId] = data.person ? data.person.split(":") : [];
  if (data.person && !["USER", "API_KEY", "SYSTEM"].includes(personType!)) throw new AppError("VALIDATION_ERROR", "Invalid request: person must be one listed by the audit log.");
  const where = {
    businessId: actor.businessId,
    action: group ? { startsWith: group } : data.action || undefined,
    ...(data.person && { actorType: personType as "USER" | "API_KEY" | "SYSTEM", actorId: personId.join(":") || null }),
    createdAt: data.from || data.to ? { gte: data.from, lt: data.to } : undefined,
  };
  const [rows, total, actions, people] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (data.page - 1) * data.limit, take: data.limit }),
    db.auditLog.count({ where }),
    // DISTINCT in SQL: Prisma's distinct reads every row of the business's log into Node.
    db.$queryRaw<{ action: string }[]>`SELECT DISTINCT "action" FROM "audit_logs" WHERE "business_id" = ${actor.businessId}::uuid ORDER BY "action"`,
    db.$queryRaw<{ actorType: string; actorId: string | null; actorName: string | null }[]>`
      SELECT DISTINCT ON ("actor_type", "actor_id") "actor_type"::text AS "actorType", "actor_id" AS "actorId", "actor_name" AS "actorName"
        FROM "audit_logs" WHERE "business_id" = ${actor.businessId}::uuid
       ORDER BY "actor_type", "actor_id", "created_at" DESC LIMIT 200`,
  ]);
  // Keys act under their id: named by the key's own name, as the people filter names them.
  const keyIds = [...new Set([...rows, ...people].filter((r) => r.actorType === "API_KEY" && r.actorId).map((r) => r.actorId!))];
  const keyNames = new Map((keyIds.length ? await db.apiKey.findMany({ where: { businessId: actor.businessId, id: { in: keyIds } }, select: { id: true, name: true } }) : []).map((k) => [k.id, k.name]));
  const actorName = (r: { actorType: string; actorId: string | null; actorName: string | null }) =>
    r.actorType === "API_KEY" ? `API key “${keyNames.get(r.actorId ?? "") ?? "deleted"}”` : (r.actorName ?? (r.actorType === "SYSTEM" ? "System" : "Someone"));
  const targets = await auditTargets(db, actor.businessId, rows);
  const items: AuditRow[] = rows.map((r) => {
    const target = targetOf(targets, r);
    return {
      id: r.id.toString(), action: r.action, actorType: r.actorType, actorName: actorName(r), targetType: r.targetType, targetId: r.targetId,
      targetName: target.name, targetHref: target.href, summary: describeAudit({ action: r.action, targetName: target.name, details: r.details }),
      details: r.details, createdAt: r.createdAt,
    };
  });
  return {
    items,
    actions: actions.map((a) => a.action),
    people: people.map((p) => ({ value: `${p.actorType}:${p.actorId ?? ""}`, label: actorName(p) })),
    pagination: { page: data.page, limit: data.limit, total, totalPages: Math.max(1, Math.ceil(total / data.limit)) },
  };
}
