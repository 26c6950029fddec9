import type { LedgerEntry } from "./ledger-entry";
import type { WriteResult } from "./write-ledger";

// What award, redeem, adjust and reverse answer: the entry, the balance right after this call,
// any points it expired first, and whether this was an idempotent replay (then everything else
// is exactly the original answer; the REST API says "replay" in a header, not in the body).
export type LedgerResult = {
  transaction: LedgerEntry;
  balance: number;
  replay: boolean;
  expired: LedgerEntry | null;
  // The caller's own part of the answer, as it was first given (see WriteRequest.context).
  context: Record<string, unknown> | null;
};

// The answer as the API sends it: the ledger's bookkeeping (replay, context) left out, so a
// replay's body is byte for byte the original's.
export function ledgerBody<T extends { replay: boolean; context?: unknown }>(result: T): Omit<T, "replay" | "context"> {
  const { replay: _replay, context: _context, ...body } = result;
  return body;
}

export function toLedgerResult(result: WriteResult): LedgerResult {
  if (!result.entry) throw new Error("ledger_write returned no entry for a movement");
  return { transaction: result.entry, balance: result.balance, replay: result.replay, expired: result.expired, context: result.context };
}
