// Reversals and the entries they undid, for a page of history: each entry says whether (and
// by which entry) it was reversed, each reversal which entry it undid. Looked up across the
// whole ledger, not just the page: the reversal of an entry is usually newer (another page, or
// hidden by a type filter), and a page alone can't tell that its entries were undone.
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import type { EntryType, LedgerEntry } from "./ledger-entry";

export type EntryLink = { id: string; type: EntryType; points: number; description: string | null; createdAt: Date };
export type LinkedEntry = LedgerEntry & { reversedBy: EntryLink | null; reverses: EntryLink | null };

const linkSelect = { id: true, type: true, points: true, description: true, createdAt: true, reversesEntryId: true } as const;

export async function linkReversals(db: DbOrTx, actor: Actor, entries: LedgerEntry[]): Promise<LinkedEntry[]> {
  const { businessId } = actor;
  const ids = entries.map((e) => e.id);
  const undoneIds = entries.map((e) => e.reversesEntryId).filter((id): id is string => id !== null);
  const [reversals, originals] = await Promise.all([
    ids.length ? db.ledgerEntry.findMany({ where: { businessId, reversesEntryId: { in: ids } }, select: linkSelect }) : [],
    undoneIds.length ? db.ledgerEntry.findMany({ where: { businessId, id: { in: undoneIds } }, select: linkSelect }) : [],
  ]);
  const link = (row: (typeof reversals)[number]): EntryLink => ({ id: row.id, type: row.type as EntryType, points: row.points, description: row.description, createdAt: row.createdAt });
  const reversalOf = new Map(reversals.map((r) => [r.reversesEntryId!, link(r)]));
  const byId = new Map(originals.map((o) => [o.id, link(o)]));
  return entries.map((e) => ({ ...e, reversedBy: reversalOf.get(e.id) ?? null, reverses: e.reversesEntryId ? (byId.get(e.reversesEntryId) ?? null) : null }));
}
