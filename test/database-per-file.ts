// Runs before each integration test file: a fresh database owned by the owner role, migrated as
// it (granting the app role its row privileges), exposed as DATABASE_URL with the app role so
// server/db/client.ts (and everything built on it) talks to it the way production does;
// MIGRATION_DATABASE_URL is the owner's, for what migrates (the CLI's `db migrate`).
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { roleOf } from "../server/db/database-roles";
import { migrate } from "../server/db/migrate";
import { createDatabaseIfMissing } from "../server/db/open-database";
import { inTestDatabase } from "./test-database";

const name = `test_${randomBytes(6).toString("hex")}`;
const owner = inject("ownerDatabaseUrl");
await createDatabaseIfMissing(inject("adminDatabaseUrl"), name, roleOf(owner));
process.env.DATABASE_URL = inTestDatabase(inject("appDatabaseUrl"), name);
process.env.MIGRATION_DATABASE_URL = inTestDatabase(owner, name);
process.env.DATABASE_POOL_SIZE ??= "20";
await migrate(process.env.MIGRATION_DATABASE_URL, { grantTo: roleOf(inject("appDatabaseUrl")) });
