// For one-shot processes (CLI, seed, scripts): open the database (reusing a running embedded
// server), bring the schema up to date, hand out a Prisma client, and clean up afterwards.
import { createDb, type Db } from "./client";
import { migrateDatabase } from "./migrate";
import { openDatabase, type OpenDatabase } from "./open-database";

export async function withDatabase<T>(work: (db: Db, url: string, database: OpenDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  const db = createDb(database.url, 5);
  try {
    await migrateDatabase(database);
    return await work(db, database.url, database);
  } finally {
    await db.$disconnect();
    if (database.owned) await database.stop();
  }
}
