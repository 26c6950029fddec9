import type { RedemptionOutcome } from "../rewards/redemption-record";
import { reply, type Reply } from "./api-route";

// A replayed redeem (same idempotency key) or a repeated cancel says so in a header, as ledger
// writes do (ledger-reply.ts); the body is the redemption either way.
export function redemptionReply({ replay, ...redemption }: RedemptionOutcome): Reply {
  return reply(redemption, { headers: replay ? { "Idempotent-Replayed": "true" } : {} });
}
