// Who is acting, for which business, through which door. Every ledger call carries one, so
// tenant scoping and the audit trail come from the same value.
export type ActorType = "USER" | "API_KEY" | "SYSTEM";
export type EntrySource = "API" | "PORTAL" | "POS" | "BULK" | "JOB";

export type Actor = {
  businessId: string;
  type: ActorType;
  // User id, API key id; null for the system.
  id: string | null;
  // Shown on the entry, e.g. the cashier who typed it at the till.
  staffName?: string | null;
  source: EntrySource;
};

export function systemActor(businessId: string): Actor {
  return { businessId, type: "SYSTEM", id: null, source: "JOB" };
}
