// Prisma CLI config. The JS schema engine avoids downloading the native engine (no internet
// here); migrations are applied by our own runner in server/db/migrate.ts (README, "Database changes").
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The schema's env("DATABASE_URL") must resolve for the CLI to read the schema at all (else it
// falls back to downloading a query engine). Generate and diff never connect, so a placeholder does.
process.env.DATABASE_URL ??= "postgresql://placeholder@localhost:5432/placeholder";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
