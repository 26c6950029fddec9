// Operations of the badges endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { awardBadgeInput } from "../../badges/badge-schemas";
import { defineOperation } from "../operation";

export const awardBadgeOperation = defineOperation({
  method: "POST",
  path: "/badges",
  tag: "Badges",
  summary: "Award a badge",
  description:
    "Awards the badge `badgeSlug` to a customer named by customerId, customerEmail, customerPhone or externalId; the badge " +
    "is created on first use (named `badgeName`, or after its slug). 201 the first time; awarding it again changes nothing " +
    "and answers 200 with alreadyAwarded true.",
  scope: "customers:write",
  body: awardBadgeInput,
  response: z.object({
    badge: z.object({ slug: z.string(), name: z.string() }),
    customerId: z.uuid(),
    awardedAt: z.iso.datetime(),
    alreadyAwarded: z.boolean(),
  }),
  status: 201,
  example: { customerEmail: "ann@example.com", badgeSlug: "first-visit", badgeName: "First visit" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

export const listBadgesOperation = defineOperation({
  method: "GET",
  path: "/badges",
  tag: "Badges",
  summary: "List badges",
  description: "The business's badges, oldest first, each with how many customers hold it.",
  scope: "customers:read",
  response: z.array(
    z.object({ slug: z.string(), name: z.string(), description: z.string().nullable(), createdAt: z.iso.datetime(), holders: z.int() }),
  ),
  status: 200,
});
