// Several app processes on one database: a second server (itself WEB_CONCURRENCY=2, so two
// processes sharing its port) runs next to the e2e server against the same Postgres. What
// one process does, the others must honour: a revoked key, the ledger's balance, a key's limit.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { freePort } from "../../server/db/embedded-postgres";
import { callApi, expect, test } from "./fixtures";
import { E2E_DATA_DIR as DATA_DIR, runScript } from "./run-script";

const SERVER = path.resolve(process.env.NEXT_DIST_DIR ?? ".next", "serve.mjs");
// Starting Next on a busy 2-core machine takes seconds to tens of seconds.
const START_TIMEOUT = 120_000;

let other: ChildProcess;
let otherUrl: string;
const METRICS_TOKEN = `two-processes-${Date.now()}-${Math.random().toString(36).slice(2)}`;


// A new connection per request: the supervisor hands out connections, not requests, so a
// kept-alive connection would reach the same process every time.
async function fresh(request: APIRequestContext, url: string, key?: string): Promise<number> {
  const response = await request.get(url, { headers: { connection: "close", ...(key ? { authorization: `Bearer ${key}` } : {}) } });
  return response.status();
}

// Run serially in one worker: the second server is this file's, started once.
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(START_TIMEOUT + 15_000);
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: the e2e server (npm start) bundles it`);
  const port = await freePort();
  otherUrl = `http://localhost:${port}`;
  other = spawn(process.execPath, [SERVER], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PORT: String(port), DATA_DIR, WEB_CONCURRENCY: "2", METRICS_TOKEN, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const deadline = Date.now() + START_TIMEOUT;
  for (;;) {
    if (other.exitCode !== null) throw new Error(`the second server exited (${other.exitCode})`);
    const up = await fetch(`${otherUrl}/api/v1/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (other.exitCode !== null || Date.now() > deadline) throw new Error(`the second server didn't start (exit ${other.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  if (!other || other.exitCode !== null) return;
  const exited = new Promise((resolve) => other.once("exit", resolve));
  other.kill("SIGTERM");
  await exited;
});

// The supervisor's children: the app processes sharing its port.
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      const stat = (() => { try { return readFileSync(`/proc/${entry}/stat`, "utf8"); } catch { return ""; } })();
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
    })
    .map(Number);
}

test("WEB_CONCURRENCY=2 serves one port from two processes, and /metrics counts both", async ({ request }) => {
  expect(childrenOf(other.pid!)).toHaveLength(2);
  // Each on its own connection, so both processes serve some; the scrape reaches one of them.
  for (let i = 0; i < 6; i++) expect(await fresh(request, `${otherUrl}/api/v1/ping`)).toBe(200);
  const scrape = await request.get(`${otherUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(scrape.status()).toBe(200);
  const pings = [...(await scrape.text()).matchAll(/^loyalty_http_request_duration_seconds_count\{[^}]*route="\/ping"[^}]*\} (\d+)$/gm)];
  expect(pings.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(6);
});

test("a key revoked in the portal on one server is refused by the other within 1 s", async ({ freshSeed, freshOwnerPage: page }) => {
  const balance = `${otherUrl}/api/v1/points/balance?email=${encodeURIComponent(freshSeed.customers[0]!.email)}`;
  // Used (and so cached) by both of the other server's processes first.
  for (let i = 0; i < 4; i++) expect(await fresh(page.request, balance, freshSeed.apiKey)).toBe(200);

  await page.goto("/api-keys");
  const row = page.getByTestId("api-key-row").filter({ hasText: "Seeded till" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  // The revocation has committed. A second later every request there, whichever process
  // takes it, is refused: judged by when the requests start, not by how fast they are answered.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const statuses = await Promise.all(Array.from({ length: 4 }, () => fresh(page.request, balance, freshSeed.apiKey)));
  expect(statuses).toEqual([401, 401, 401, 401]);
});

test("200 concurrent redeems of 1 point split over both servers: exactly 100 succeed", async ({ freshSeed, request }) => {
  const email = `split-${Date.now()}@e2e.test`;
  const award = await callApi(request, freshSeed.apiKey, "/api/v1/points/award", { customerEmail: email, amount: 100, skipMultiplier: true });
  expect(award.status).toBe(201);
  // Down to exactly 100 points, whatever the program added.
  const extra = (award.json.data!.balance as number) - 100;
  if (extra > 0) expect((await callApi(request, freshSeed.apiKey, "/api/v1/points/redeem", { customerEmail: email, amount: extra })).status).toBe(201);

  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      callApi(request, freshSeed.apiKey, `${i % 2 ? otherUrl : ""}/api/v1/points/redeem`, { customerEmail: email, amount: 1, idempotencyKey: `split-${email}-${i}` }),
    ),
  );
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(100);
  expect(results.filter((r) => r.status === 422).map((r) => r.json.code)).toEqual(Array(100).fill("INSUFFICIENT_POINTS"));

  const after = await callApi(request, freshSeed.apiKey, `/api/v1/points/balance?email=${encodeURIComponent(email)}`);
  expect(after.json.data).toMatchObject({ balance: 0 });
  const redeems = await callApi(request, freshSeed.apiKey, `/api/v1/points/history?email=${encodeURIComponent(email)}&type=REDEEM&limit=100`);
  const { items, pagination } = redeems.json.data as { items: { points: number }[]; pagination: { total: number } };
  expect(pagination.total).toBe(100);
  expect(items.filter((e) => e.points === -1)).toHaveLength(100);
});

test("a key's limit of 20 a minute holds across both servers", async ({ freshSeed, request }) => {
  const stdout = await runScript("e2e/portal/make-limited-key.ts", [freshSeed.businessId, "20"], 120_000);
  const key = stdout.split("\n").find((l) => l.startsWith("KEY "))!.slice(4);
  const balance = `/api/v1/points/balance?email=${encodeURIComponent(freshSeed.customers[0]!.email)}`;
  const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => callApi(request, key, `${i % 2 ? otherUrl : ""}${balance}`).then((r) => r.status)));
  expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
});
