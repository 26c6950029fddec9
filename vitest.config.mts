import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", sequence: { groupOrder: 0 }, include: ["server/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "sdk/**/*.test.ts", "widget/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["server/**/*.int.test.ts", "app/**/*.int.test.ts", "test/**/*.int.test.ts", "sdk/**/*.int.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/database-per-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: more workers only add contention to the Postgres they share.
          maxWorkers: 2,
        },
      },
    ],
  },
});
