import { z } from "zod";
import { createCustomerInput, eraseCustomerInput, listCustomersInput, updateCustomerInput } from "../../customers/customer-schemas";
import { createCustomer } from "../../customers/create-customer";
import { eraseCustomer } from "../../customers/erase-customer";
import { getCustomer } from "../../customers/get-customer";
import { listCustomers } from "../../customers/list-customers";
import { updateCustomer } from "../../customers/update-customer";
import { db } from "../../db/client";
import { memberLinkInput } from "../../widget/member-link";
import { createMemberLinkQr } from "../../widget/member-page-qr";
import { endMemberSessions } from "../../widget/end-member-sessions";
import { inTransaction } from "../../customers/resolve-customer";
import { getBalance } from "../../ledger";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";
import { readsFor } from "../read-your-writes";

// The domain functions scope every id to ctx.actor.businessId: a foreign id is NOT_FOUND.
export const customersRouter = router({
  list: staffProcedure.input(listCustomersInput).query(({ ctx, input }) => listCustomers(readsFor(ctx), ctx.actor, input)),

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

  // Enrolling and correcting a customer is till work, as through the API: staff may, like
  // owners. The same domain functions and schemas as POST and PATCH /customers, so the same
  // rules and sentences. An email (or phone) already enrolled answers that customer with
  // created: false and changes nothing; the page then points at them.
  create: staffProcedure.input(createCustomerInput).mutation(({ ctx, input }) => createCustomer(db, ctx.actor, input)),

  update: staffProcedure.input(updateCustomerInput).mutation(({ ctx, input }) => updateCustomer(db, ctx.actor, input)),

  setStatus: staffProcedure
    .input(z.object({ id: z.uuid(), status: z.enum(["ACTIVE", "BLOCKED"]) }))
    .mutation(({ ctx, input }) => updateCustomer(db, ctx.actor, input)),

  // A sign-in link to the member page for the customer at the counter (shown as a QR code or
  // sent by hand), as through POST /customers/{id}/member-link. origin: the portal's own, for
  // the link when APP_URL is not configured.
  memberLink: staffProcedure
    .input(memberLinkInput.extend({ id: z.uuid(), origin: z.url().max(200).optional() }))
    .mutation(({ ctx, input }) => createMemberLinkQr(db, ctx.actor, { customerId: input.id, expiresInMinutes: input.expiresInMinutes }, { origin: input.origin })),

  // "Sign out phones": every member page session of the customer ends, unused links too.
  endMemberSessions: staffProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => inTransaction(db, (tx) => endMemberSessions(tx, ctx.actor, { customerId: input.id }))),

  // Irreversible and a legal act (right to erasure): owners only.
  erase: ownerProcedure.input(eraseCustomerInput).mutation(({ ctx, input }) => eraseCustomer(db, ctx.actor, input)),
});
