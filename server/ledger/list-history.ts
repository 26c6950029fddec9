import { resolveCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { pagination, type Pagination } from "../paging";
import { toLedgerEntry, type EntryRow, type LedgerEntry } from "./ledger-entry";
import { storeIdFor } from "../stores/manage-stores";
import { historyInput, type HistoryInput } from "./ledger-schemas";

export type History = { items: LedgerEntry[]; pagination: Pagination };

// Newest first, each entry with the balance right after it.
export async function listHistory(db: DbOrTx, actor: Actor, input: HistoryInput): Promise<History> {
  const data = historyInput.parse(input);
  const customer = await resolveCustomer(db, actor.businessId, data);
  const storeId = data.storeId ? await storeIdFor(db, actor.businessId, data.storeId) : undefined;
  const where = {
    businessId: actor.businessId,
    customerId: customer.id,
    type: data.type,
    reference: data.reference,
    actorId: data.actorId,
    storeId,
    // Prisma sends an insensitive `equals` as ILIKE as is: escape its wildcards for an exact match.
    staffName: data.staff ? { equals: data.staff.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const } : undefined,
    createdAt: data.from || data.to ? { gte: data.from, lt: data.to } : undefined,
  };
  const [rows, total] = await Promise.all([
    db.ledgerEntry.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (data.page - 1) * data.perPage,
      take: data.perPage,
    }),
    db.ledgerEntry.count({ where }),
  ]);
  return {
    items: rows.map((row) => toLedgerEntry(row as unknown as EntryRow)),
    pagination: pagination(data.page, data.perPage, total),
  };
}
