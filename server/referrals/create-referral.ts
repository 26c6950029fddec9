// POST /referrals: a customer refers someone by email or phone; the referral is PENDING until
// the referee's first qualifying order (complete-referral.ts). Refused: referring yourself (the
// same customer, email or phone), someone already referred, someone already a customer with
// orders. The same referral sent again answers the one there is (created: false), so a retry
// is safe without an idempotency key.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma, type Referral } from "../db/generated/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { AppError } from "../errors";
import { inOrderTransaction } from "../orders/order-record";
import { findReferrer, toPublicReferral, type PublicReferral } from "./referral-record";
import { createReferralInput, normalizeReferralCode, type CreateReferralInput } from "./referral-schemas";

export type CreateReferralResult = { referral: PublicReferral; created: boolean };

export async function createReferral(db: DbOrTx, actor: Actor, input: CreateReferralInput): Promise<CreateReferralResult> {
  const data = createReferralInput.parse(input);
  try {
    return await inOrderTransaction(db, (tx) => createIn(tx, actor, data));
  } catch (error) {
    // The same referee referred twice at once: the loser's second pass sees the winner's row.
    if (!isUniqueViolation(error)) throw error;
    return inOrderTransaction(db, (tx) => createIn(tx, actor, data));
  }
}

type Data = ReturnType<typeof createReferralInput.parse>;

async function createIn(tx: DbOrTx, actor: Actor, data: Data): Promise<CreateReferralResult> {
  const { businessId } = actor;
  const email = data.refereeEmail ?? null;
  const phone = data.refereePhone ?? null;
  const referrer = await findReferrer(tx, businessId, data.referrer, normalizeReferralCode(data.referrer));
  if (!referrer) throw new AppError("CUSTOMER_NOT_FOUND", "No customer with that id or referral code in this business.");
  if ((email && email === referrer.email) || (phone && phone === referrer.phone)) {
    throw new AppError("REFERRAL_NOT_ALLOWED", "A customer can't refer themselves: the referee's email or phone is the referrer's.");
  }
  const known = await tx.customer.findMany({
    where: { businessId, erasedAt: null, OR: [...(email ? [{ email }] : []), ...(phone ? [{ phone }] : [])] },
    select: { id: true, _count: { select: { orders: true } } },
  });
  if (known.length > 1) throw new AppError("REFERRAL_NOT_ALLOWED", "The referee's email and phone belong to two different customers: give one of them.");
  const referee = known[0] ?? null;
  if (referee?.id === referrer.id) throw new AppError("REFERRAL_NOT_ALLOWED", "A customer can't refer themselves.");

  const existing = await tx.referral.findFirst({
    where: {
      businessId,
      OR: [...(referee ? [{ refereeId: referee.id }] : []), ...(email ? [{ refereeEmail: email }] : []), ...(phone ? [{ refereePhone: phone }] : [])],
    },
    orderBy: { createdAt: "asc" },
  });
  if (existing) {
    const same = existing.referrerId === referrer.id && existing.refereeEmail === email && existing.refereePhone === phone;
    if (same) return { referral: toPublicReferral(existing), created: false };
    throw new AppError("ALREADY_REFERRED", "This person has already been referred (each person can be referred once).");
  }
  if (referee && referee._count.orders > 0) {
    throw new AppError("REFERRAL_NOT_ALLOWED", "This person is already a customer with orders: only someone new can be referred.");
  }
  const [row] = await tx.$queryRaw<Referral[]>(Prisma.sql`
    WITH r AS (
      INSERT INTO "referrals" ("business_id", "referrer_id", "referee_id", "referee_email", "referee_phone", "code", "source")
      VALUES (${businessId}::uuid, ${referrer.id}::uuid, ${referee?.id ?? null}::uuid, ${email}, ${phone}, ${referrer.referralCode}, 'API')
      RETURNING *
    )
    SELECT r."id", ll_emit_referral(r)::text AS "emitted" FROM r`);
  const created = await tx.referral.findUniqueOrThrow({ where: { businessId_id: { businessId, id: row!.id } } });
  return { referral: toPublicReferral(created), created: true };
}
