import type { LedgerEntry } from "./ledger-entry";
import type { WriteResult } from "./write-ledger";

// What award, redeem, adjust and reverse answer: the entry, the balance right after it, and
// whether this was an idempotent replay of an earlier request.
export type LedgerResult = {
  transaction: LedgerEntry;
  balance: number;
  replay: boolean;
  expired: LedgerEntry | null;
};

export function toLedgerResult(result: WriteResult): LedgerResult {
  if (!result.entry) throw new Error("ledger_write returned no entry for a movement");
  return { transaction: result.entry, balance: result.balance ?? result.entry.balanceAfter, replay: result.replay, expired: result.expired };
}
