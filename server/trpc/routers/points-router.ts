import { z } from "zod";
import { db } from "../../db/client";
import { adjustPoints, getBalance, listHistory, reverseEntry } from "../../ledger";
import { entryTypes } from "../../ledger/ledger-schemas";
import { linkReversals } from "../../ledger/link-reversals";
import { router } from "../init";
import { staffProcedure } from "../procedures";

// Portal ledger operations; the ledger functions scope every id to ctx.actor.businessId, so an
// id from another business answers NOT_FOUND.
export const pointsRouter = router({
  balance: staffProcedure.input(z.object({ customerId: z.uuid() })).query(({ ctx, input }) => getBalance(db, ctx.actor, input)),

  history: staffProcedure
    .input(z.object({ customerId: z.uuid(), type: z.enum(entryTypes).optional(), page: z.number().int().min(1).default(1), perPage: z.number().int().min(1).max(100).default(20) }))
    .query(async ({ ctx, input }) => {
      const history = await listHistory(db, ctx.actor, input);
      // The customer page marks undone entries and links each reversal to what it undid.
      return { ...history, items: await linkReversals(db, ctx.actor, history.items) };
    }),

  adjust: staffProcedure
    .input(z.object({ customerId: z.uuid(), points: z.number().int(), reason: z.string(), idempotencyKey: z.string().max(255).optional() }))
    .mutation(({ ctx, input }) => adjustPoints(db, ctx.actor, input)),

  reverse: staffProcedure
    .input(z.object({ entryId: z.uuid(), reason: z.string() }))
    .mutation(({ ctx, input }) => reverseEntry(db, ctx.actor, input)),
});
