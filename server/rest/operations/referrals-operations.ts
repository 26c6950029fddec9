// Operations of the referrals endpoints (see server/rest/operation.ts); picked up by ./index.ts.
// A referral names a person by email or phone, so writing one needs customers:write and reading
// them customers:read, like the customers they are about.
import { z } from "zod";
import { createReferralInput, listReferralsInput, referralParams, referralSchema } from "../../referrals/referral-schemas";
import { defineOperation } from "../operation";
import { paginationSchema } from "../schemas";

const RULES =
  "A referral is PENDING until the referee's first qualifying order: one that reaches the status at which orders earn points (the program's `orderPointsWhen`) " +
  "with a total (subtotal − discount + shipping + tax) of at least the program's `referralMinimumOrder`. That order completes it, in its own transaction, " +
  "crediting the referrer `referrerPoints` and the referee `refereePoints` once (pending for the program's `pendingDays`, no tier multiplier), and sends `referral.completed`. " +
  "An order carrying a `referralCode` (POST /orders) makes the referral itself when its customer has none and no earlier paid order; an unknown code is ignored (kept on the order only). " +
  "Cancelling the completing order, or refunding it in full, voids the referral (VOIDED, `referral.voided`): both sides' points are taken back, and what they had spent is `pointsUnrecovered`.";

export const createReferralOperation = defineOperation({
  method: "POST", path: "/referrals", tag: "Referrals", summary: "Refer someone",
  description:
    "A customer (`referrer`: our customer id or their referral code) refers someone by email or phone. 201 with the PENDING referral and `referral.created`; " +
    "the same referral again answers it (200). Refused: referring yourself (the same customer, email or phone: 422 REFERRAL_NOT_ALLOWED), " +
    "someone already a customer with orders (422 REFERRAL_NOT_ALLOWED), someone already referred by anyone (409 ALREADY_REFERRED).\n\n" + RULES,
  scope: "customers:write", body: createReferralInput, response: referralSchema, status: 201,
  example: { referrer: "K7QM4ZPA", refereeEmail: "grace@example.com" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "REFERRAL_NOT_ALLOWED", "ALREADY_REFERRED"],
});

export const listReferralsOperation = defineOperation({
  method: "GET", path: "/referrals", tag: "Referrals", summary: "List referrals",
  description: "Newest first, paged; `status` (PENDING, COMPLETED) and `referrerId` narrow it.",
  scope: "customers:read", query: listReferralsInput, response: z.object({ items: z.array(referralSchema), pagination: paginationSchema }), status: 200,
  errors: ["VALIDATION_ERROR"],
});

export const getReferralOperation = defineOperation({
  method: "GET", path: "/referrals/{id}", tag: "Referrals", summary: "Get a referral", description: "By our id for it. " + RULES,
  scope: "customers:read", params: referralParams, response: referralSchema, status: 200, errors: ["NOT_FOUND"],
});

export const withdrawReferralOperation = defineOperation({
  method: "DELETE", path: "/referrals/{id}", tag: "Referrals", summary: "Withdraw a pending referral",
  description:
    "Deletes a PENDING referral, and with it the email or phone it was made to: the way to forget someone referred who never became a customer " +
    "(erasure reaches customers only), or to undo a referral made by mistake. A completed or voided referral stays (409): ledger entries point at it.",
  scope: "customers:write", params: referralParams, response: z.object({ withdrawn: z.literal(true) }), status: 200, errors: ["NOT_FOUND", "CONFLICT"],
});
