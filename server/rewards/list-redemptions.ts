// Redemptions read back: one by id, or a business's newest first, filtered by customer,
// reward and status.
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { resolveCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { hasCustomerRef } from "../ledger/ledger-schemas";
import { pagination, type Pagination } from "../paging";
import { toPublicRedemption, type PublicRedemption } from "./redemption-record";
import type { listRedemptionsInput } from "./reward-schemas";

export async function getRedemption(db: DbOrTx, actor: Actor, input: { id: string }): Promise<PublicRedemption> {
  const row = z.guid().safeParse(input.id).success ? await db.redemption.findFirst({ where: { businessId: actor.businessId, id: input.id } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such redemption in this business.");
  return toPublicRedemption(row);
}

// The filter as the adapters parsed it with listRedemptionsInput.
export async function listRedemptions(
  db: DbOrTx,
  actor: Actor,
  filter: z.output<typeof listRedemptionsInput>,
): Promise<{ items: PublicRedemption[]; pagination: Pagination }> {
  const { rewardId, status, page, perPage } = filter;
  const where: Prisma.RedemptionWhereInput = { businessId: actor.businessId, rewardId, status };
  if (hasCustomerRef(filter)) where.customerId = (await resolveCustomer(db, actor.businessId, filter)).id;
  const [rows, total] = await Promise.all([
    db.redemption.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.redemption.count({ where }),
  ]);
  return { items: rows.map(toPublicRedemption), pagination: pagination(page, perPage, total) };
}
