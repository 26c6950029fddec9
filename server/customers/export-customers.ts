// Every customer matching the table's filters, in the table's order, in batches, for the CSV
// export: cursor (keyset) pages, so a million-customer export neither holds the whole list in
// memory nor slows down as it goes, as OFFSET paging would.
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { withLiveBalances } from "../ledger/live-balance";
import { listCustomersInput, type ListCustomersInput } from "./customer-schemas";
import { customerFilter, customerOrder } from "./list-customers";
import { toPublicCustomer, type PublicCustomer } from "./to-public-customer";

const BATCH = 1000;

export async function* exportCustomers(db: DbOrTx, actor: Actor, input: ListCustomersInput = {}): AsyncGenerator<PublicCustomer[]> {
  const data = listCustomersInput.parse(input);
  const where = customerFilter(actor, data);
  let after: string | undefined;
  for (;;) {
    const rows = await db.customer.findMany({
      where,
      orderBy: customerOrder(data),
      take: BATCH,
      ...(after && { cursor: { businessId_id: { businessId: actor.businessId, id: after } }, skip: 1 }),
    });
    if (rows.length > 0) yield (await withLiveBalances(db, actor.businessId, rows)).map(toPublicCustomer);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}
