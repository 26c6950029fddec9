import { randomUUID } from "node:crypto";

// Who is acting, for which business, through which door. Every domain call takes one, so
// tenant scoping, ledger entries and the audit trail all come from the same value. Build one
// only with the constructors below: each door attributes its work the same way everywhere.
export type ActorType = "USER" | "API_KEY" | "SYSTEM";
export type EntrySource = "API" | "PORTAL" | "POS" | "BULK" | "JOB" | "WIDGET";

export type Actor = {
  businessId: string;
  type: ActorType;
  // User id or API key id; null for the system.
  id: string | null;
  // Shown on entries and in the audit log: the cashier at the till, the portal user's name.
  staffName?: string | null;
  source: EntrySource;
  // The X-Request-Id of the call that does the work, stored with what it writes.
  requestId?: string | null;
};

// A call to the public API with a key of this business. A till or back office may name the
// person at the counter (`staff`), which the entry then shows.
export function apiKeyActor(
  key: { id: string; businessId: string },
  options: { source?: EntrySource; staffName?: string | null; requestId?: string | null } = {},
): Actor {
  return { businessId: key.businessId, type: "API_KEY", id: key.id, staffName: options.staffName ?? null, source: options.source ?? "API", requestId: options.requestId ?? null };
}

// A signed-in portal user, attributed by name on entries and by id in the audit log.
export function portalActor(user: { id: string; email: string; name: string | null }, businessId: string, requestId: string | null = null): Actor {
  return { businessId, type: "USER", id: user.id, staffName: user.name ?? user.email, source: "PORTAL", requestId };
}

// An operator at the command line (npm run cli).
export function cliActor(businessId: string): Actor {
  return { businessId, type: "SYSTEM", id: null, staffName: "CLI", source: "JOB", requestId: null };
}

// A customer acting for themselves in the store's widget (their token named them): no person of
// the business and no key, so SYSTEM with no name; the WIDGET source says where it came from.
export function widgetActor(businessId: string, requestId: string | null = null): Actor {
  return { businessId, type: "SYSTEM", id: null, staffName: null, source: "WIDGET", requestId };
}

// A scheduled job (expiry, rollups), acting for no person.
export function jobActor(businessId: string): Actor {
  return { businessId, type: "SYSTEM", id: null, staffName: null, source: "JOB", requestId: null };
}

// A client's own X-Request-Id is kept when it is a sane token (it ends up in logs, on ledger
// entries and in the audit log); anything else gets a fresh one.
const REQUEST_ID = /^[\w.:-]{1,100}$/;

export function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

// The same actor naming the person at the counter, for one item of a bulk request.
export function withStaffName(actor: Actor, staffName: string | null | undefined): Actor {
  return staffName ? { ...actor, staffName } : actor;
}
