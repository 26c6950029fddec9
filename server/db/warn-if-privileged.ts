// The ledger is append-only because triggers refuse UPDATE and DELETE on it. A role that owns
// the tables (or is a member of their owner) can ALTER TABLE ... DISABLE TRIGGER, and a
// superuser can also SET session_replication_role = replica: connected as either, the app
// would be one SQL injection or one bad script away from rewriting history. Said once, at start.
import type { PrismaClient } from "./generated/client";

export type Privileges = { role: string; superuser: boolean; ownsTables: boolean };

export async function connectionPrivileges(db: Pick<PrismaClient, "$queryRaw">): Promise<Privileges> {
  const [row] = await db.$queryRaw<Privileges[]>`
    SELECT current_user::text AS role,
           r.rolsuper AS superuser,
           EXISTS (SELECT 1 FROM pg_tables t
                   WHERE t.schemaname = current_schema() AND pg_has_role(current_user, t.tableowner, 'MEMBER')) AS "ownsTables"
    FROM pg_roles r WHERE r.rolname = current_user`;
  return row!;
}

export function privilegeWarning(p: Privileges): string | undefined {
  if (!p.superuser && !p.ownsTables) return undefined;
  const what = p.superuser ? "a superuser" : "the owner of the tables";
  return (
    `The app connects to PostgreSQL as "${p.role}", ${what}, which could disable the ledger's append-only triggers. ` +
    "Set DATABASE_URL to a role with only SELECT/INSERT/UPDATE/DELETE on the tables and MIGRATION_DATABASE_URL to the owner role " +
    "(the README's \"Database roles\" section has the SQL); the embedded database does this by itself."
  );
}

// Never throws: a warning must not take the app down, and an unreachable database is
// reported by the request that meets it.
export async function warnIfPrivileged(db: Pick<PrismaClient, "$queryRaw">, warn: (line: string) => void): Promise<void> {
  try {
    const warning = privilegeWarning(await connectionPrivileges(db));
    if (warning) warn(warning);
  } catch {
    // reported elsewhere
  }
}
