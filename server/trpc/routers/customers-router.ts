import { z } from "zod";
import { eraseCustomerInput, listCustomersInput } from "../../customers/customer-schemas";
import { eraseCustomer } from "../../customers/erase-customer";
import { getCustomer } from "../../customers/get-customer";
import { listCustomers } from "../../customers/list-customers";
import { updateCustomer } from "../../customers/update-customer";
import { db } from "../../db/client";
import { getBalance } from "../../ledger";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

// The domain functions scope every id to ctx.actor.businessId: a foreign id is NOT_FOUND.
export const customersRouter = router({
  list: staffProcedure.input(listCustomersInput).query(({ ctx, input }) => listCustomers(db, ctx.actor, input)),

  // The customer page: profile, badges and the balance card (points expiring soon, pending
  // points, tier progress), all as of this instant.
  get: staffProcedure.input(z.object({ id: z.string().max(100) })).query(async ({ ctx, input }) => {
    const customer = await getCustomer(db, ctx.actor, input);
    const { balance, expiringSoon, pending, nextAvailableAt, tier, tierMultiplierPercent, qualifyingPoints, nextTier, pointsToNextTier } = await getBalance(
      db,
      ctx.actor,
      { customerId: customer.id },
    );
    return { ...customer, balance, expiringSoon, pending, nextAvailableAt, tier, tierMultiplierPercent, qualifyingPoints, nextTier, pointsToNextTier };
  }),

  setStatus: staffProcedure
    .input(z.object({ id: z.uuid(), status: z.enum(["ACTIVE", "BLOCKED"]) }))
    .mutation(({ ctx, input }) => updateCustomer(db, ctx.actor, input)),

  // Irreversible and a legal act (right to erasure): owners only.
  erase: ownerProcedure.input(eraseCustomerInput).mutation(({ ctx, input }) => eraseCustomer(db, ctx.actor, input)),
});
