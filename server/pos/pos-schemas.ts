// What a till sends. Tills know a customer by the phone number typed at the counter, or by
// the id an earlier answer gave them, so the POS API names customers with just those two.
import { z } from "zod";
import { storableText } from "../storable";
import { normalizePhone } from "../customers/normalize-identity";
import { AppError } from "../errors";
import { customerRefShape, idempotencyKeySchema, positivePoints, type CustomerRef } from "../ledger/ledger-schemas";

const tillCustomer = { phone: customerRefShape.customerPhone, customerId: customerRefShape.customerId };
const namesCustomer = (v: { phone?: string; customerId?: string }) => Boolean(v.phone ?? v.customerId);
const NAMES_CUSTOMER = { message: "Name the customer with phone or customerId", path: ["phone"] };
// referenceId: the idempotency key's other name, as on every write (a till may send its receipt number).
const idempotency = {
  idempotencyKey: idempotencyKeySchema.optional(),
  referenceId: idempotencyKeySchema.optional().meta({ description: "Same as idempotencyKey, e.g. the receipt number." }),
};

export const checkinInput = z
  .object({
    ...tillCustomer,
    storeId: storableText(64).pipe(z.string().min(1)).optional(),
    // Which of the two applies depends on the business's earn mode, checked once it is read.
    amount: z.int("must be a whole number of minor currency units (cents)").min(0, "must not be negative").optional(),
    units: z.int("must be a whole number of units").positive("must be a positive number of units").optional(),
    ...idempotency,
  })
  .refine(namesCustomer, NAMES_CUSTOMER);

// Points, or a reward of the catalogue (its price, its coupon code); with both, the points
// must be the reward's price (checked once it is read).
export const tillRedeemInput = z
  .object({
    ...tillCustomer,
    points: positivePoints.optional(),
    // As on check-in: a store of the business (our id or code), or free text while it has none.
    storeId: storableText(64).pipe(z.string().min(1)).optional(),
    rewardId: z.uuid("must be a reward id (UUID)").optional().meta({ description: "Redeem this reward (GET /rewards): answers its title and coupon code." }),
    ...idempotency,
  })
  .refine(namesCustomer, NAMES_CUSTOMER)
  .refine((v) => v.points !== undefined || v.rewardId !== undefined, { message: "Send points, or a rewardId", path: ["points"] });

export const phoneOrIdParams = z.object({
  phoneOrId: z.string().min(1).max(64).meta({ description: "A customer id (UUID), or a phone number in any common format." }),
});

export type CheckinInput = z.input<typeof checkinInput>;
export type TillRedeemInput = z.input<typeof tillRedeemInput>;

// A UUID is our customer id; anything else has to be a phone number. Next.js hands over the
// path segment decoded, but some tills double-encode "+" as %2B; neither a UUID nor a phone
// contains a literal "%", so decoding once more is safe.
export function parsePhoneOrId(raw: string): CustomerRef {
  const value = raw.includes("%") ? safeDecode(raw) : raw;
  if (z.uuid().safeParse(value).success) return { customerId: value.toLowerCase() };
  const phone = normalizePhone(value);
  if (!phone) throw new AppError("VALIDATION_ERROR", "Invalid request: phoneOrId must be a customer id (UUID) or a phone number.");
  return { customerPhone: phone };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
