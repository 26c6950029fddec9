import { ledgerBody } from "../ledger/ledger-result";
import { reply, type Reply } from "./api-route";

// A replayed idempotent request answers with exactly the original body; only the header
// `Idempotent-Replayed: true` says it is a replay (Stripe's convention).
export function ledgerReply<T extends { replay: boolean; context?: unknown }>(result: T): Reply {
  return reply(ledgerBody(result), { headers: result.replay ? { "Idempotent-Replayed": "true" } : {} });
}
