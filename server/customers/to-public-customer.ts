// What the API and the portal show of a customer: never erasedAt or updatedAt bookkeeping, and
// the same shape whichever function produced it.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import type { CustomerStatus } from "../db/generated/enums";
import { withLiveBalance } from "../ledger/live-balance";

export type PublicCustomer = {
  id: string;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  name: string | null;
  // Staff notes: for the business's own systems and staff, never the customer.
  notes: string | null;
  birthday: Date | null;
  status: CustomerStatus;
  tier: string | null;
  balance: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  lastActivityAt: Date | null;
  createdAt: Date;
  // The code they give friends (server/referrals); null once erased.
  referralCode: string | null;
};

export function toPublicCustomer(row: PublicCustomer): PublicCustomer {
  const { id, email, phone, externalId, name, notes, birthday, status, tier, balance, lifetimeEarned, lifetimeRedeemed, lastActivityAt, createdAt, referralCode } = row;
  return { id, email, phone, externalId, name, notes, birthday, status, tier, balance, lifetimeEarned, lifetimeRedeemed, lastActivityAt, createdAt, referralCode };
}

// What a domain function answers for one customer: its public fields, with the balance as of
// now (points past their expiry left out: see ledger/live-balance.ts).
export async function publicCustomer(db: DbOrTx, businessId: string, row: PublicCustomer): Promise<PublicCustomer> {
  return toPublicCustomer(await withLiveBalance(db, businessId, row));
}

// What a customer's personal data is, wherever an answer carries it (a customer, the till's
// lookup, a list): API keys without a customers scope (api-keys/api-key-scopes.ts
// keySeesPersonalData) get these fields as null. One rule applied to the whole answer in
// rest/api-route.ts, so an answer added later can't forget it.
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(["name", "email", "phone", "notes", "birthday"]);

export const PERSONAL_DATA_NOTE =
  "Personal data: for an API key with neither customers:read nor customers:write, every customer name, email, phone, notes and birthday field in this answer is null. Free text your own systems wrote (descriptions, reasons, metadata) is answered as it was sent.";

// `metadata` is the caller's own JSON, returned as sent: a till's {"items":[{"name":"Latte"}]}
// is not a customer's name.
export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, PERSONAL_FIELDS.has(key) ? null : key === "metadata" ? field : withoutPersonalData(field)]),
  );
}

// The response shape for the OpenAPI document (dates travel as ISO strings).
export const publicCustomerSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    externalId: z.string().nullable().meta({ description: "Your own id for this customer (store, POS or CRM)." }),
    name: z.string().nullable(),
    notes: z.string().nullable().meta({ description: "Staff notes (up to 1,000 characters); never shown to the customer." }),
    birthday: z.iso.datetime().nullable().meta({ description: "For birthday campaigns: midnight UTC of the date (send YYYY-MM-DD)." }),
    status: z.enum(["ACTIVE", "BLOCKED"]),
    tier: z.string().nullable(),
    balance: z.int(),
    lifetimeEarned: z.int(),
    lifetimeRedeemed: z.int(),
    lastActivityAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    referralCode: z.string().nullable().meta({ description: "The code this customer gives friends (8 characters, no 0/O/1/I; see /referrals); null once erased." }),
  })
  .meta({ id: "Customer" });
