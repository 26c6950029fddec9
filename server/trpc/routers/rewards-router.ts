import { z } from "zod";
import { db } from "../../db/client";
import { idempotencyKeySchema } from "../../ledger/ledger-schemas";
import { pagingShape, pagedBy } from "../../paging";
import { cancelRedemption } from "../../rewards/cancel-redemption";
import { listRedemptions } from "../../rewards/list-redemptions";
import { createReward, getReward, listRewards, updateReward } from "../../rewards/manage-rewards";
import type { PublicRedemption } from "../../rewards/redemption-record";
import { redeemReward } from "../../rewards/redeem-reward";
import { createRewardInput, redemptionStatuses, rewardIdParams, updateRewardInput } from "../../rewards/reward-schemas";
import { couponsFromCsv, uploadCoupons } from "../../rewards/upload-coupons";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

// The portal's inputs are typed values, not query strings: the REST list schemas' "true"/"false"
// and customer e-mail/phone lookups have no use here.
const listRewardsPortal = z.object({ active: z.boolean().optional(), customerId: z.uuid().optional(), ...pagingShape }).transform(pagedBy);
const listRedemptionsPortal = z
  .object({ rewardId: z.uuid().optional(), customerId: z.uuid().optional(), status: z.enum(redemptionStatuses).optional(), ...pagingShape })
  .transform(pagedBy);

// A CSV file's text (read in the browser) or codes pasted one per line; the CSV goes through the
// REST API's own reader, so a bad line is refused by its number the same way.
const uploadInput = z
  .object({ id: z.string().max(100), csv: z.string().max(1_000_000).optional(), codes: z.array(z.string().max(100)).max(10_000).optional() })
  .refine((v) => (v.csv === undefined) !== (v.codes === undefined), { message: "send a CSV file or a list of codes", path: ["codes"] });

// Staff hand out rewards at the counter and take back a mistaken one (as they may reverse any
// entry today); a cancel refunds the points, so the portal asks for a reason every time.
const cancelInput = z.object({ id: z.string().max(100), reason: z.string().trim().min(1, "say why the redemption is cancelled").max(500) });

// Who redeemed, for the lists: names and e-mails of this page's customers, one query, scoped to
// the business like everything else. Erased customers show as such.
async function withCustomers(businessId: string, items: PublicRedemption[]) {
  const ids = [...new Set(items.map((r) => r.customerId))];
  const rows = await db.customer.findMany({ where: { businessId, id: { in: ids } }, select: { id: true, name: true, email: true, erasedAt: true } });
  const byId = new Map(rows.map((c) => [c.id, c]));
  return items.map((r) => {
    const c = byId.get(r.customerId);
    return { ...r, customer: { id: r.customerId, name: c?.name ?? null, email: c?.email ?? null, erased: Boolean(c?.erasedAt) } };
  });
}

// Redeem and cancel (and the upload) run in the domain's own transaction with its lock timeouts
// and its retry of a concurrent same-key redeem, so they get `db`, not an outer transaction.
export const rewardsRouter = router({
  list: staffProcedure.input(listRewardsPortal).query(({ ctx, input }) => listRewards(db, ctx.actor, input)),
  get: staffProcedure.input(rewardIdParams).query(({ ctx, input }) => getReward(db, ctx.actor, input)),
  create: ownerProcedure.input(createRewardInput).mutation(({ ctx, input }) => db.$transaction((tx) => createReward(tx, ctx.actor, input))),
  update: ownerProcedure.input(updateRewardInput).mutation(({ ctx, input }) => db.$transaction((tx) => updateReward(tx, ctx.actor, input))),
  uploadCoupons: ownerProcedure.input(uploadInput).mutation(({ ctx, input }) => {
    const codes = input.csv !== undefined ? couponsFromCsv(input.csv).codes : input.codes!.map((c) => c.trim()).filter(Boolean);
    return uploadCoupons(db, ctx.actor, { id: input.id, codes });
  }),

  redemptions: staffProcedure.input(listRedemptionsPortal).query(async ({ ctx, input }) => {
    const { items, pagination } = await listRedemptions(db, ctx.actor, input);
    return { items: await withCustomers(ctx.actor.businessId, items), pagination };
  }),
  // The browser makes one idempotency key per click: a double click or a retry redeems once.
  redeem: staffProcedure
    .input(z.object({ rewardId: z.string().max(100), customerId: z.uuid(), idempotencyKey: idempotencyKeySchema }))
    .mutation(({ ctx, input }) => redeemReward(db, ctx.actor, input)),
  cancelRedemption: staffProcedure.input(cancelInput).mutation(({ ctx, input }) => cancelRedemption(db, ctx.actor, input)),
});
