// GET /metrics: this process's (or, under WEB_CONCURRENCY > 1, the whole server's) metrics in Prometheus' text format, for a scraper holding
// METRICS_TOKEN. No token configured: the endpoint doesn't exist (404), so a fresh install
// publishes nothing. The token is compared in constant time (both sides hashed first, so their
// lengths match and the comparison says nothing about the length either).
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { clusterMetricsText } from "./cluster-metrics";
import { metrics, startDefaultMetrics } from "./metrics";

const digest = (value: string) => createHash("sha256").update(value).digest();

export function tokenMatches(header: string | null, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(token));
}

export async function serveMetrics(request: Request, token: string | undefined = env().METRICS_TOKEN): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (!token) return Response.json({ success: false, error: "Not found.", code: "NOT_FOUND" }, { status: 404, headers });
  if (!tokenMatches(request.headers.get("authorization"), token)) {
    return Response.json(
      { success: false, error: "Metrics need the scrape token: send Authorization: Bearer <METRICS_TOKEN>.", code: "UNAUTHORIZED" },
      { status: 401, headers: { ...headers, "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  startDefaultMetrics();
  const { registry } = metrics();
  // Under WEB_CONCURRENCY > 1: every process's figures, gathered by the supervisor.
  const text = (await clusterMetricsText()) ?? (await registry.metrics());
  return new Response(text, { status: 200, headers: { ...headers, "content-type": registry.contentType } });
}
