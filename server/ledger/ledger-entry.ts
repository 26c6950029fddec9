// The ledger entry as callers see it, mapped from the row ledger_write() returns as JSON.
import type { ActorType, EntrySource } from "../actors/actor";
import type { entryTypes } from "./ledger-schemas";

export type EntryType = (typeof entryTypes)[number];

export type LedgerEntry = {
  id: string;
  customerId: string;
  type: EntryType;
  points: number;
  balanceAfter: number;
  description: string | null;
  reference: string | null;
  idempotencyKey: string | null;
  actorType: ActorType;
  actorId: string | null;
  staffName: string | null;
  source: EntrySource;
  metadata: Record<string, unknown> | null;
  expiresAt: Date | null;
  reversesEntryId: string | null;
  // The store (our id) it happened at, or null.
  storeId: string | null;
  // An award's points before its tier multiplier, and the multiplier (whole percent); else null.
  basePoints: number | null;
  multiplierPercent: number | null;
  // A pending credit: when its points become spendable; else null.
  availableAt: Date | null;
  createdAt: Date;
};

export type EntryRow = Record<string, unknown>;

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

export function toLedgerEntry(row: EntryRow): LedgerEntry {
  return {
    id: row.id as string,
    customerId: (row.customer_id ?? row.customerId) as string,
    type: row.type as EntryType,
    points: Number(row.points),
    balanceAfter: Number(row.balance_after ?? row.balanceAfter),
    description: (row.description as string | null) ?? null,
    reference: (row.reference as string | null) ?? null,
    idempotencyKey: ((row.idempotency_key ?? row.idempotencyKey) as string | null) ?? null,
    actorType: (row.actor_type ?? row.actorType) as ActorType,
    actorId: ((row.actor_id ?? row.actorId) as string | null) ?? null,
    staffName: ((row.staff_name ?? row.staffName) as string | null) ?? null,
    source: row.source as EntrySource,
    metadata: (row.metadata as Record<string, unknown> | null) ?? null,
    expiresAt: date(row.expires_at ?? row.expiresAt),
    reversesEntryId: ((row.reverses_entry_id ?? row.reversesEntryId) as string | null) ?? null,
    storeId: ((row.store_id ?? row.storeId) as string | null) ?? null,
    basePoints: nullableNumber(row.base_points ?? row.basePoints),
    multiplierPercent: nullableNumber(row.multiplier_percent ?? row.multiplierPercent),
    availableAt: date(row.available_at ?? row.availableAt),
    createdAt: date(row.created_at ?? row.createdAt) as Date,
  };
}
