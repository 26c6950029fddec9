// Read-your-writes for the portal when a read replica is configured (DATABASE_REPLICA_URL):
// after a portal write succeeds, the browser gets a short-lived cookie, and while it is there
// that browser's list reads go to the primary too. So "Add customer", an import or an erasure
// is in the list the person opens next even if the replica is a few seconds behind; everyone
// else keeps reading the replica. A cookie rather than memory in the server process: with
// WEB_CONCURRENCY > 1 the next request may land in another process. It says only "this browser
// wrote recently", so a forged one merely reads the primary.
import { readDb, db, type Db } from "../db/client";

export const WROTE_COOKIE = "ll_wrote";
// Well beyond a healthy replica's lag (milliseconds), short enough to leave the load on it.
export const READ_PRIMARY_SECONDS = 10;

export const wroteCookie = () => `${WROTE_COOKIE}=1; Path=/; Max-Age=${READ_PRIMARY_SECONDS}; HttpOnly; SameSite=Lax`;

// Where a portal list, export or analytics read of this request goes.
export function readsFor(ctx: { readsFromPrimary?: boolean }): Db {
  return ctx.readsFromPrimary ? db : readDb;
}
