// One statement on the hot path: on the raw pg pool as a named prepared statement (parsed and
// planned once per connection, and no ORM in between), or on the caller's transaction when
// there is one, since it must see and join that transaction's work.
import type { QueryResultRow } from "pg";
import { rawPoolOf, type DbOrTx } from "./client";

export async function namedStatement<T extends QueryResultRow>(db: DbOrTx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = rawPoolOf(db);
  if (pool) return (await pool.query<T>({ name, text, values })).rows;
  return db.$queryRawUnsafe<T[]>(text, ...values);
}
