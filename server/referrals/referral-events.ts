// The referral.* webhook events' data (written by ll_emit_referral, sql/referral-emit.sql),
// joined into the outbox's catalogue (outbox/outbox-events.ts). Ids, points and dates only: the
// referee's email and phone never travel in events.
import { z } from "zod";

const timestamp = z.iso.datetime({ precision: 3 });
const d = <T extends z.ZodType>(schema: T, description: string): T => schema.meta({ description });

const eventReferralSchema = (status: "PENDING" | "COMPLETED" | "VOIDED") =>
  z
    .strictObject({
      id: d(z.uuid(), "Our id for the referral."),
      referrerId: d(z.uuid(), "The customer who referred."),
      refereeId: d(status === "PENDING" ? z.uuid().nullable() : z.uuid(), "The referee as a customer, or null while they are only an email or phone."),
      code: d(z.string().nullable(), "The referrer's referral code when the referral was made."),
      source: d(z.enum(["API", "ORDER"]), "API: POST /referrals; ORDER: an order carrying the referrer's code."),
      status: d(z.literal(status), `Always ${status} on this event.`),
      orderId: d(status === "PENDING" ? z.null() : z.uuid(), "The order that completed it."),
      referrerPoints: d(z.int().min(0), "Points credited to the referrer (0 until completed, or when the program gives none)."),
      refereePoints: d(z.int().min(0), "Points credited to the referee."),
      referrerEntryId: d(z.uuid().nullable(), "The referrer's AWARD ledger entry, or null."),
      refereeEntryId: d(z.uuid().nullable(), "The referee's AWARD ledger entry, or null."),
      createdAt: d(timestamp, "When the referral was made."),
      completedAt: d(status === "PENDING" ? z.null() : timestamp, "When it completed."),
      voidedAt: d(status === "VOIDED" ? timestamp : z.null(), "When its order's cancel or full refund voided it."),
      pointsUnrecovered: d(z.int().min(0), "Of the points taken back when it was voided, those already spent."),
    })
    .meta({ description: "A referral of one customer by another." });

export const referralEvents = {
  "referral.created": z
    .strictObject({ referral: eventReferralSchema("PENDING") })
    .meta({ description: "A customer referred someone (POST /referrals, or an order carrying their referral code). Pending until the referee's first qualifying order." }),
  "referral.completed": z
    .strictObject({ referral: eventReferralSchema("COMPLETED") })
    .meta({ description: "The referee's first qualifying order completed a referral: both sides were credited the program's referral points (their points.earned events come with it)." }),
  "referral.withdrawn": z
    .strictObject({
      referral: z
        .strictObject({
          id: d(z.uuid(), "Our id for the referral, now deleted."),
          referrerId: d(z.uuid(), "The customer who referred."),
          withdrawnAt: d(timestamp, "When it was withdrawn (DELETE /referrals/{id})."),
        })
        .meta({ description: "A pending referral, withdrawn." }),
    })
    .meta({ description: "A pending referral was withdrawn (DELETE /referrals/{id}): it and the email or phone it was made to are gone." }),
  "referral.voided": z
    .strictObject({ referral: eventReferralSchema("VOIDED") })
    .meta({ description: "The order that completed a referral was cancelled or refunded in full: the referral is void and both sides' referral points were taken back (their points.reversed or points.adjusted events come with it)." }),
} as const;
