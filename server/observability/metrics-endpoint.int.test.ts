// GET /metrics end to end: off without METRICS_TOKEN, refused without the token, and with it
// the series a request, a ledger write, the pool and a known backlog leave behind; labels are
// route patterns and fixed names, never an id.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/metrics/route";
import { GET as getCustomer } from "@/app/api/v1/customers/[id]/route";
import { POST as award } from "@/app/api/v1/points/award/route";
import { db } from "@/server/db/client";
import { businessWithKey, call } from "@/test/api";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { forgetBacklog } from "./read-backlog";
import { serveMetrics } from "./serve-metrics";

const TOKEN = randomBytes(24).toString("hex");
const scrape = (authorization?: string, token: string | undefined = TOKEN) =>
  serveMetrics(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }), token);

async function scrapeText(): Promise<string> {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

// The value of one series (name plus its exact label set as printed), 0 when absent.
function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /metrics", () => {
  it("does not exist while METRICS_TOKEN is unset", async () => {
    const response = await metricsRoute(new Request("http://localhost/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(response.status).toBe(404);
  });

  it("refuses a missing or wrong token with a 401 that says what to send", async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, "Basic abc"]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ success: false, code: "UNAUTHORIZED", error: expect.stringContaining("Authorization: Bearer") });
    }
  });

  it("shows a route's latency under its pattern and the ledger writes an award made, with no id anywhere", async () => {
    const { business, key } = await businessWithKey();
    const before = await scrapeText();
    const awarded = await call("POST", award, { key, body: { customerEmail: "metrics@example.com", amount: 10 } });
    expect(awarded.status).toBe(201);
    const customerId = (awarded.data.transaction as { customerId: string }).customerId;
    expect((await call("GET", getCustomer, { key, params: { id: customerId } })).status).toBe(200);
    const text = await scrapeText();
    expect(text).toContain("# TYPE loyalty_http_request_duration_seconds histogram");
    const awardCount = 'loyalty_http_request_duration_seconds_count{route="/points/award",method="POST",status="201"}';
    expect(value(text, awardCount) - value(before, awardCount)).toBe(1);
    expect(value(text, 'loyalty_http_request_duration_seconds_bucket{le="+Inf",route="/customers/{id}",method="GET",status="200"}')).toBeGreaterThanOrEqual(1);
    const written = 'loyalty_ledger_writes_total{op="award",outcome="written"}';
    expect(value(text, written) - value(before, written)).toBe(1);
    expect(text).toMatch(/^loyalty_ledger_batch_size_count \d+/m);
    for (const id of [customerId, business.id, "metrics@example.com"]) expect(text).not.toContain(id);
  });

  it("counts a refused write as refused", async () => {
    const { key } = await businessWithKey();
    const refused = 'loyalty_ledger_writes_total{op="redeem",outcome="refused"}';
    const before = value(await scrapeText(), refused);
    await call("POST", award, { key, body: { customerEmail: "poor@example.com", amount: 1 } });
    const { POST: redeem } = await import("@/app/api/v1/points/redeem/route");
    expect((await call("POST", redeem, { key, body: { customerEmail: "poor@example.com", amount: 5 } })).json).toMatchObject({ code: "INSUFFICIENT_POINTS" });
    expect(value(await scrapeText(), refused) - before).toBe(1);
  });

  it("shows tRPC calls by procedure path", async () => {
    const { owner, business } = await makePortalBusiness("metrics");
    const series = 'loyalty_trpc_call_duration_seconds_count{procedure="customers.list",type="query",result="ok"}';
    const before = value(await scrapeText(), series);
    await callerFor(owner, business.id).customers.list({});
    expect(value(await scrapeText(), series) - before).toBe(1);
  });

  it("shows the pool's size and use, and Node's own metrics", async () => {
    await db.$queryRaw`SELECT 1`;
    const text = await scrapeText();
    expect(value(text, 'loyalty_db_pool_connections{state="max"}')).toBeGreaterThanOrEqual(20);
    expect(value(text, 'loyalty_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^loyalty_db_pool_connections\{state="waiting"\} \d+/m);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it("reports a known job, outbox and webhook backlog with the age of its oldest item", async () => {
    const { business } = await businessWithKey();
    forgetBacklog();
    const before = await scrapeText();
    // Three due jobs (the oldest due an hour ago), one not due yet: no worker runs in this file.
    for (const ago of ["1 hour", "1 minute", "1 second"]) {
      await db.$executeRawUnsafe(`SELECT graphile_worker.add_job('metrics_test', '{}'::json, run_at => now() - interval '${ago}')`);
    }
    await db.$executeRaw`SELECT graphile_worker.add_job('metrics_test', '{}'::json, run_at => now() + interval '1 hour')`;
    // Two events not yet fanned out (one two hours old), and one already fanned out into two
    // pending deliveries (one 30 minutes old) and a delivered one.
    await db.$executeRaw`INSERT INTO outbox_events (business_id, type, payload, created_at) VALUES (${business.id}::uuid, 'test.event', '{}', now() - interval '2 hours'), (${business.id}::uuid, 'test.event', '{}', now())`;
    const [event] = await db.$queryRaw<{ id: bigint }[]>`INSERT INTO outbox_events (business_id, type, payload, published_at) VALUES (${business.id}::uuid, 'test.event', '{}', now()) RETURNING id`;
    const [endpoint] = await db.$queryRaw<{ id: string }[]>`INSERT INTO webhook_endpoints (business_id, url, events, secret) VALUES (${business.id}::uuid, 'https://example.com/hook', '{*}', 'whsec_test') RETURNING id`;
    await db.$executeRaw`INSERT INTO webhook_deliveries (business_id, endpoint_id, event_id, status, created_at) VALUES
      (${business.id}::uuid, ${endpoint!.id}::uuid, ${event!.id}, 'PENDING', now() - interval '30 minutes'),
      (${business.id}::uuid, ${endpoint!.id}::uuid, ${event!.id}, 'PENDING', now()),
      (${business.id}::uuid, ${endpoint!.id}::uuid, ${event!.id}, 'DELIVERED', now() - interval '3 hours')`;
    forgetBacklog();
    const after = await scrapeText();
    const moved = (series: string) => value(after, series) - value(before, series);
    expect(moved("loyalty_jobs_waiting")).toBe(3);
    expect(value(after, "loyalty_jobs_oldest_waiting_seconds")).toBeGreaterThanOrEqual(3600);
    expect(moved("loyalty_outbox_unpublished_events")).toBe(2);
    expect(value(after, "loyalty_outbox_oldest_unpublished_seconds")).toBeGreaterThanOrEqual(7200);
    expect(moved("loyalty_webhook_deliveries_pending")).toBe(2);
    expect(value(after, "loyalty_webhook_oldest_pending_seconds")).toBeGreaterThanOrEqual(1800);
    expect(value(after, "loyalty_webhook_oldest_pending_seconds")).toBeLessThan(3 * 3600);
  });
});
