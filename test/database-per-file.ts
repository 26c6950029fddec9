// Runs before each integration test file: a fresh database, migrated, exposed as DATABASE_URL
// so server/db/client.ts (and everything built on it) talks to it.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { migrate } from "../server/db/migrate";
import { createDatabaseIfMissing } from "../server/db/open-database";

const admin = inject("adminDatabaseUrl");
const name = `test_${randomBytes(6).toString("hex")}`;
await createDatabaseIfMissing(admin, name);
const url = new URL(admin);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.DATABASE_POOL_SIZE ??= "20";
await migrate(url.toString());
