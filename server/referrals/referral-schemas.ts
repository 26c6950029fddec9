// Referrals as the API takes and shows them; the REST operations validate with these schemas and
// the OpenAPI document is generated from them.
import { z } from "zod";
import { normalizeEmail, normalizePhone } from "../customers/normalize-identity";
import { pagedBy, pagingShape } from "../paging";
import { storableText } from "../storable";

export const referralStatuses = ["PENDING", "COMPLETED", "VOIDED"] as const;

// Codes are printed and read aloud: any case, spaces and dashes ignored ("ab3k-7xqz" works).
export const normalizeReferralCode = (code: string) => code.replace(/[\s-]/g, "").toUpperCase();

const email = z.email("must be a valid email address").max(254).transform(normalizeEmail);
const phone = z
  .string()
  .max(32)
  .transform((p, ctx) => normalizePhone(p) ?? (ctx.addIssue({ code: "custom", message: "must be a phone number" }), z.NEVER));

export const createReferralInput = z
  .strictObject({
    referrer: storableText(64)
      .pipe(z.string().trim().min(1, "name the referrer by customer id or referral code"))
      .meta({ description: "The customer who refers: our customer id, or their referral code (any case)." }),
    refereeEmail: email.optional().meta({ description: "The email of the person referred." }),
    refereePhone: phone.optional().meta({ description: "The phone of the person referred." }),
  })
  .refine((v) => Boolean(v.refereeEmail ?? v.refereePhone), { message: "give the referee's email or phone", path: ["refereeEmail"] });

const status = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(referralStatuses, `must be one of ${referralStatuses.join(", ")}`));

export const listReferralsInput = z
  .strictObject({
    status: status.optional(),
    referrerId: z.uuid("must be a customer id (UUID)").optional().meta({ description: "Only the referrals this customer made." }),
    ...pagingShape,
  })
  .transform(pagedBy);

export const referralParams = z.object({ id: z.string().max(100).meta({ description: "Our id for the referral." }) });

// Personal data sits under `referee` as email and phone, so keys without a customers scope get
// them as null like every other answer's (rest/api-route.ts).
export const referralSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(referralStatuses).meta({ description: "PENDING until the referee's first qualifying order, then COMPLETED; VOIDED when that order was cancelled or refunded in full (both sides' points taken back)." }),
    source: z.enum(["API", "ORDER"]).meta({ description: "API: POST /referrals; ORDER: an order that carried the referrer's code." }),
    code: z.string().nullable().meta({ description: "The referrer's code when the referral was made." }),
    referrerId: z.uuid().meta({ description: "The customer who referred." }),
    referee: z.object({
      customerId: z.uuid().nullable().meta({ description: "The referee as a customer, once known (at creation, or at their first order)." }),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    orderId: z.uuid().nullable().meta({ description: "The order that completed it." }),
    referrerPoints: z.int().meta({ description: "Points credited to the referrer at completion (0 until then)." }),
    refereePoints: z.int().meta({ description: "Points credited to the referee at completion (0 until then)." }),
    referrerEntryId: z.uuid().nullable().meta({ description: "The referrer's AWARD ledger entry." }),
    refereeEntryId: z.uuid().nullable().meta({ description: "The referee's AWARD ledger entry." }),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    voidedAt: z.iso.datetime().nullable(),
    pointsUnrecovered: z.int().meta({ description: "Of the points taken back when it was voided, those already spent (not recovered)." }),
  })
  .meta({ id: "Referral" });

export type CreateReferralInput = z.input<typeof createReferralInput>;
export type ListReferralsInput = z.input<typeof listReferralsInput>;
