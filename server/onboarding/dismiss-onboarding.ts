// Hiding (or bringing back) the getting-started checklist, for the whole business: it is about
// setting the business up, so one owner dismissing it hides it for the other owners too.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";

export const dismissOnboardingInput = z.object({ dismissed: z.boolean({ error: "must be true or false" }) });

export async function dismissOnboarding(db: DbOrTx, actor: Actor, input: z.input<typeof dismissOnboardingInput>): Promise<{ dismissed: boolean }> {
  const { dismissed } = dismissOnboardingInput.parse(input);
  await db.business.update({ where: { id: actor.businessId }, data: { onboardingDismissedAt: dismissed ? new Date() : null } });
  return { dismissed };
}
