// The ledger's public surface: the REST API, the portal and jobs import from here only.
export { adjustPoints } from "./adjust-points";
export { awardPoints } from "./award-points";
export { expireDuePoints } from "./expire-due-points";
export { expirePoints } from "./expire-points";
export { warnExpiringPoints } from "./warn-expiring-points";
export { getBalance } from "./get-balance";
export { listHistory } from "./list-history";
export { redeemPoints } from "./redeem-points";
export { reverseEntry } from "./reverse-entry";
export type { LedgerEntry } from "./ledger-entry";
export type { LedgerResult } from "./ledger-result";
