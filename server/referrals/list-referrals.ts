// Reading referrals: one by id, or a page of them (newest first) by status and referrer.
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { pagination, type Pagination } from "../paging";
import { findReferral, toPublicReferral, type PublicReferral } from "./referral-record";
import type { listReferralsInput } from "./referral-schemas";

export async function getReferral(db: DbOrTx, actor: Actor, input: { id: string }): Promise<PublicReferral> {
  return toPublicReferral(await findReferral(db, actor.businessId, input.id));
}

export async function listReferrals(db: DbOrTx, actor: Actor, filter: z.output<typeof listReferralsInput>): Promise<{ items: PublicReferral[]; pagination: Pagination }> {
  const { status, referrerId, page, perPage } = filter;
  const where: Prisma.ReferralWhereInput = { businessId: actor.businessId, status, referrerId };
  const [rows, total] = await Promise.all([
    db.referral.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.referral.count({ where }),
  ]);
  return { items: rows.map(toPublicReferral), pagination: pagination(page, perPage, total) };
}

const person = { select: { id: true, name: true, email: true, phone: true } } as const;

// The portal's page: each referral with the names it needs to show (staff see customers anyway).
export async function referralsPage(db: DbOrTx, actor: Actor, filter: z.output<typeof listReferralsInput>) {
  const { status, referrerId, page, perPage } = filter;
  const where: Prisma.ReferralWhereInput = { businessId: actor.businessId, status, referrerId };
  const [rows, total] = await Promise.all([
    db.referral.findMany({ where, include: { referrer: person, referee: person }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.referral.count({ where }),
  ]);
  const items = rows.map((row) => ({ ...toPublicReferral(row), referrerCustomer: row.referrer, refereeCustomer: row.referee }));
  return { items, pagination: pagination(page, perPage, total) };
}
