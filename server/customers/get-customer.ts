// One customer with what a support conversation needs at a glance: recent points history and
// badges. Unknown, foreign and erased ids are all the same 404.
import { listCustomerBadges, type CustomerBadge } from "../badges/list-customer-badges";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { toLedgerEntry, type EntryRow, type LedgerEntry } from "../ledger/ledger-entry";
import { getCustomerInput, type GetCustomerInput } from "./customer-schemas";
import { loadCustomer } from "./resolve-customer";
import { publicCustomer, type PublicCustomer } from "./to-public-customer";

export const RECENT_TRANSACTIONS = 10;

export type CustomerDetail = PublicCustomer & { recentTransactions: LedgerEntry[]; badges: CustomerBadge[] };

export async function getCustomer(db: DbOrTx, actor: Actor, input: GetCustomerInput): Promise<CustomerDetail> {
  const { id } = getCustomerInput.parse(input);
  const customer = await loadCustomer(db, actor.businessId, id);
  const [entries, badges] = await Promise.all([
    db.ledgerEntry.findMany({
      where: { businessId: actor.businessId, customerId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_TRANSACTIONS,
    }),
    listCustomerBadges(db, actor.businessId, id),
  ]);
  return {
    ...(await publicCustomer(db, actor.businessId, customer)),
    recentTransactions: entries.map((row) => toLedgerEntry(row as unknown as EntryRow)),
    badges,
  };
}
