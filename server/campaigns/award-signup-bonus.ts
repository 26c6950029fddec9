// The sign-up bonus, run by the campaign_signup job that enrolment queues (sql/campaign-signup.sql):
// `points` from every SIGNUP campaign that was running when the customer was enrolled (named in
// the job, so ending one since changes nothing), once per customer per campaign (the key
// campaign:<id>:signup:<customer>), however often the job runs.
// Spendable at once: there is no return window on a welcome.
import { jobActor } from "../actors/actor";
import type { Db } from "../db/client";
import { awardCampaign, SPENDABLE_NOW } from "./award-campaign";

export async function awardSignupBonus(db: Db, job: { businessId: string; customerId: string; campaignIds: string[] }): Promise<number> {
  const { businessId, customerId } = job;
  const customer = await db.customer.findFirst({ where: { businessId, id: customerId }, select: { createdAt: true, status: true, erasedAt: true } });
  // Erased or blocked since: no bonus (retrying can't change that).
  if (!customer || customer.erasedAt || customer.status !== "ACTIVE") return 0;
  const campaigns = await db.campaign.findMany({ where: { businessId, kind: "SIGNUP", id: { in: job.campaignIds ?? [] } }, orderBy: { createdAt: "asc" } });
  let awarded = 0;
  for (const campaign of campaigns) {
    const result = await db.$transaction((tx) =>
      awardCampaign(tx, jobActor(businessId), { campaign, customerId, points: campaign.points!, key: `campaign:${campaign.id}:signup:${customerId}`, availableAt: SPENDABLE_NOW() }),
    );
    if (!result.replay) awarded += result.points;
  }
  return awarded;
}
