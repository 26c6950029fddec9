// Helpers for integration tests: a second raw connection for assertions on the database itself.
import pg from "pg";
import { afterAll } from "vitest";

export function rawPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  afterAll(() => pool.end());
  return pool;
}

export async function emptyDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
