"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate, formatDateTime, formatPoints, formatSignedPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { ReverseDialog, type ReversibleEntry } from "./reverse-dialog";
import { ScrollBox } from "@/components/ui/scroll-box";
import { SimpleTable } from "@/components/ui/simple-table";
import { Pager } from "@/components/ui/pager";

const TYPES = ["AWARD", "REDEEM", "ADJUST", "EXPIRE", "REVERSAL"] as const;
type EntryType = (typeof TYPES)[number];
const TONE = { AWARD: "green", REDEEM: "blue", ADJUST: "amber", EXPIRE: "slate", REVERSAL: "red" } as const;

// A reward's REDEEM entry is undone by cancelling the redemption (Redemptions card), which also
// returns the stock and the code; reversing the entry alone would refund the points and leave
// the redemption standing with its code still good.
const redemptionOf = (e: { type: string; metadata: Record<string, unknown> | null }) => e.type === "REDEEM" && typeof e.metadata?.redemptionId === "string";
// An order's or a referral's points come back through the order (refund, cancel), which the
// ledger enforces: no Reverse button that could only fail.
const ownedByRecord = (e: { type: string; metadata: Record<string, unknown> | null }) =>
  e.type === "AWARD" && (typeof e.metadata?.orderId === "string" || typeof e.metadata?.referralId === "string");

export function HistoryTable({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const [type, setType] = useState<EntryType | "">("");
  const [page, setPage] = useState(1);
  const [reversing, setReversing] = useState<ReversibleEntry | null>(null);
  const history = useQuery({ ...trpc.points.history.queryOptions({ customerId, type: type || undefined, page, perPage: 20 }), placeholderData: keepPreviousData });
  // Entries already undone, known from the whole ledger (their reversal may be on another page).
  const reversed = new Set(history.data?.items.filter((e) => e.reversedBy).map((e) => e.id));
  const onPage = new Set(history.data?.items.map((e) => e.id));
  return (
    <Card
      title="History"
      action={
        <Select aria-label="Filter by type" value={type} onChange={(e) => (setType(e.target.value as EntryType | ""), setPage(1))} className="w-40">
          <option value="">All types</option>
          {TYPES.map((t) => <option key={t} value={t}>{t.charAt(0) + t.slice(1).toLowerCase()}</option>)}
        </Select>
      }
    >
      {history.isPending ? (
        <TableSkeleton />
      ) : history.error ? (
        <ErrorState message={history.error.message} />
      ) : history.data.items.length === 0 ? (
        <EmptyState title="No transactions" description={type ? "No entries of this type." : "Points awarded, redeemed or adjusted will show up here."} />
      ) : (
        <ScrollBox label="History" className="-mx-5 -my-5">
          <SimpleTable columns={[{ label: "Type" }, { label: "Description" }, { label: "Points", align: "right" }, { label: "Balance", align: "right" }, { label: "" }]} dense>
              {history.data.items.map((e) => (
                <tr key={e.id} id={`entry-${e.id}`} data-testid="history-row" className="target:bg-amber-50">
                  <td className="px-4 py-2.5">
                    <Pill tone={TONE[e.type]}>{e.type.toLowerCase()}</Pill>
                    {e.reversedBy && <span className="mt-1 block"><Pill tone="slate">reversed</Pill></span>}
                  </td>
                  <td className="max-w-[18rem] px-4 py-2.5">
                    <span className="block truncate">{e.description ?? "—"}</span>
                    <span className="block truncate text-xs text-slate-500">{[formatDateTime(e.createdAt), e.staffName, e.source.toLowerCase()].filter(Boolean).join(" · ")}</span>
                    <ReversalLink entry={e} onPage={onPage} />
                    {/* Pending until then; a multiplied award says by how much. */}
                    {((pendingUntil(e) && !reversed.has(e.id)) || (e.multiplierPercent && e.multiplierPercent !== 100)) && (
                      <span className="block truncate text-xs text-slate-500">
                        {[
                          pendingUntil(e) && !reversed.has(e.id) && `pending until ${formatDate(pendingUntil(e)!)}`,
                          e.multiplierPercent && e.multiplierPercent !== 100 && `${formatPoints(e.basePoints ?? 0)} × ${e.multiplierPercent / 100} (tier)`,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                    )}
                  </td>
                  <td className={`whitespace-nowrap px-4 py-2.5 text-right font-medium tabular-nums ${e.points >= 0 ? "text-emerald-700" : "text-red-700"} ${e.reversedBy ? "line-through" : ""}`}>{formatSignedPoints(e.points)}</td>
                  <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">{formatPoints(e.balanceAfter)}</td>
                  <td className="px-4 py-2.5 text-right">
                    {["AWARD", "REDEEM", "ADJUST"].includes(e.type) && !reversed.has(e.id) && !redemptionOf(e) && !ownedByRecord(e) && (
                      <Button variant="ghost" size="sm" onClick={() => setReversing({ id: e.id, type: e.type, points: e.points, description: e.description })}>Reverse</Button>
                    )}
                  </td>
                </tr>
              ))}
            </SimpleTable>
          <Pager page={page} totalPages={history.data.pagination.totalPages} onPage={setPage} inTable />
        </ScrollBox>
      )}
      <ReverseDialog entry={reversing} onClose={() => setReversing(null)} />
    </Card>
  );
}

type Link = { id: string; type: string; points: number; createdAt: Date | string };

// "Reversed on …" under an undone entry, "Undoes the … of …" under a reversal.
// A link when the other entry is on this page; its words alone when it is on another page or
// hidden by the type filter (an anchor there would go nowhere).
function ReversalLink({ entry: e, onPage }: { entry: { reversedBy: Link | null; reverses: Link | null }; onPage: Set<string> }) {
  const link = (to: Link, text: string) =>
    onPage.has(to.id) ? (
      <a href={`#entry-${to.id}`} className="block truncate text-xs font-medium text-brand-700 hover:underline" data-testid="reversal-link">{text}</a>
    ) : (
      <span className="block truncate text-xs text-slate-500" data-testid="reversal-link">{text}</span>
    );
  if (e.reversedBy) return link(e.reversedBy, `Reversed on ${formatDateTime(e.reversedBy.createdAt)}`);
  if (e.reverses) return link(e.reverses, `Undoes the ${e.reverses.type.toLowerCase()} of ${formatSignedPoints(e.reverses.points)} on ${formatDateTime(e.reverses.createdAt)}`);
  return null;
}

// A pending credit's date while it is still ahead (reads count it as spendable from then on).
function pendingUntil(e: { availableAt: Date | string | null }): Date | null {
  const at = e.availableAt ? new Date(e.availableAt) : null;
  return at && at.getTime() > Date.now() ? at : null;
}
