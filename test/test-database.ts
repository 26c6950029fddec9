// Helpers for integration tests: other connections to the test file's database, for
// assertions and for what the app role may not do (tampering with functions, holding locks).
import pg from "pg";
import { afterAll, inject } from "vitest";

// `url`'s server and role, on database `name`.
export function inTestDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

const currentName = () => new URL(process.env.DATABASE_URL!).pathname.slice(1);

// This file's database as the role that owns its schema (migrations' role).
export function ownerUrl(): string {
  return inTestDatabase(inject("ownerDatabaseUrl"), currentName());
}

// This file's database as the superuser (or DATABASE_URL's own role).
export function adminUrl(): string {
  return inTestDatabase(inject("adminDatabaseUrl"), currentName());
}

// A pool of its own on this file's database: as the app role unless told otherwise.
export function rawPool(url: string = process.env.DATABASE_URL!): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  afterAll(() => pool.end());
  return pool;
}

export async function emptyDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return inTestDatabase(admin, name);
}
