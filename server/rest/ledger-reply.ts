import { reply, type Reply } from "./api-route";

// A replayed idempotent request answers exactly as the original did, plus a header saying so.
export function ledgerReply<T extends { replay: boolean }>(result: T): Reply {
  return reply(result, { headers: result.replay ? { "Idempotent-Replayed": "true" } : {} });
}
