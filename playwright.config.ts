// E2E against the production build on real Postgres: `npm start` with its own data dir and
// port, so a developer's running app and data are never touched.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const chromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // Requests every route once (and signs in once) before the first test: see the file.
  globalSetup: "./e2e/global-setup.ts",
  timeout: 30_000,
  // Assertions wait up to 10 s, not 5: with other runs on the same two cores a page's data has
  // been seen to take longer than 5 s (analytics). Only a failing assertion waits that long.
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium where present (no browser downloads on our machines); Playwright's
      // own browser on a laptop that has one.
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "ui", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://localhost:${PORT}/api/v1/health`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    // Let scripts/start.ts stop Next and then Postgres cleanly instead of SIGKILL.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: { PORT: String(PORT), DATA_DIR: ".data/e2e", EMBEDDED_PG_PORT: "0", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
