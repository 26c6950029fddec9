// Badges are named by a slug the integrator picks ("first-visit", "vip-2026"); the badge
// itself is created on first use, so there is nothing to set up before awarding one.
import { z } from "zod";
import { storableText } from "../storable";
import { customerRefShape, hasCustomerRef } from "../ledger/ledger-schemas";

export const badgeSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "may hold letters, digits and single dashes or underscores");

export const awardBadgeInput = z
  .object({
    ...customerRefShape,
    badgeSlug: badgeSlugSchema,
    badgeName: storableText(100).pipe(z.string().min(1, "must not be empty")).optional(),
  })
  .refine(hasCustomerRef, { message: "Name the customer with customerId, customerEmail, customerPhone or externalId", path: ["customerId"] });

export type AwardBadgeInput = z.input<typeof awardBadgeInput>;

// "first-visit" -> "First visit": a readable default until someone names the badge.
export function nameFromSlug(slug: string): string {
  const words = slug.replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
