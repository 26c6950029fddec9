// The getting-started checklist on the portal's landing page. Every tick is derived from what
// the business has actually done (no "mark as done" flags to drift from the data), so a step
// done through the API or by another owner ticks too.
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { env } from "../env";
import { KEY_PREFIX } from "../api-keys/create-api-key";
import { curlExample } from "../rest/curl-example";
import { awardOperation } from "../rest/operations/points-operations";

export const ONBOARDING_STEPS = ["apiKey", "firstAward", "teammate", "earnRule", "reward"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

// The browser's own origin, used for the curl line when APP_URL is not configured.
export const getOnboardingInput = z.object({ origin: z.url().max(200).optional() });

export type Onboarding = {
  dismissed: boolean;
  complete: boolean;
  steps: { id: OnboardingStep; done: boolean }[];
  // The newest live key, so the curl line can say which key to paste (the secret is never stored).
  apiKey: { prefix: string; last4: string } | null;
  awardCurl: string;
};

// The defaults a new business starts with (prisma/schema.prisma); moving away from them is
// setting the earn rule even without an audit record (e.g. a business made by the CLI).
const DEFAULT_EARN = { earnMode: "SPEND", earnRate: 1 } as const;

export async function getOnboarding(db: DbOrTx, actor: Actor, input: z.input<typeof getOnboardingInput> = {}): Promise<Onboarding> {
  const { origin } = getOnboardingInput.parse(input);
  const businessId = actor.businessId;
  const [business, anyKey, liveKey, award, members, invitation, earnAudit, reward] = await Promise.all([
    db.business.findUniqueOrThrow({ where: { id: businessId }, select: { onboardingDismissedAt: true, earnMode: true, earnRate: true } }),
    db.apiKey.findFirst({ where: { businessId }, select: { id: true } }),
    db.apiKey.findFirst({ where: { businessId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: { prefix: true, last4: true } }),
    db.ledgerEntry.findFirst({ where: { businessId, type: "AWARD" }, select: { id: true } }),
    db.membership.count({ where: { businessId } }),
    // A pending or accepted invitation counts: the owner did their part when they sent it.
    db.invitation.findFirst({ where: { businessId, revokedAt: null }, select: { id: true } }),
    db.$queryRaw<{ found: boolean }[]>(Prisma.sql`
      SELECT EXISTS (SELECT 1 FROM audit_logs WHERE business_id = ${businessId}::uuid AND action = 'settings.updated'
                     AND details ?| array['earnRate', 'earnMode']) AS found`),
    db.reward.findFirst({ where: { businessId }, select: { id: true } }),
  ]);
  const done: Record<OnboardingStep, boolean> = {
    apiKey: anyKey !== null,
    firstAward: award !== null,
    teammate: members > 1 || invitation !== null,
    earnRule: earnAudit[0]?.found === true || business.earnMode !== DEFAULT_EARN.earnMode || business.earnRate !== DEFAULT_EARN.earnRate,
    reward: reward !== null,
  };
  const steps = ONBOARDING_STEPS.map((id) => ({ id, done: done[id] }));
  return {
    dismissed: business.onboardingDismissedAt !== null,
    complete: steps.every((s) => s.done),
    steps,
    apiKey: liveKey,
    awardCurl: awardCurl(env().APP_URL ?? origin ?? `http://localhost:${env().PORT}`, liveKey),
  };
}

// The API reference's own example, with the key's prefix filled in and only its secret part
// left for the owner to paste.
function awardCurl(baseUrl: string, key: { prefix: string; last4: string } | null): string {
  const placeholder = key ? `${key.prefix}<rest of your key ending ${key.last4}>` : `${KEY_PREFIX}<your key>`;
  return curlExample(awardOperation, baseUrl.replace(/\/+$/, "")).replace("$LOYALTY_API_KEY", placeholder);
}
