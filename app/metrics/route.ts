import { serveMetrics } from "@/server/observability/serve-metrics";

export const dynamic = "force-dynamic";

// Prometheus' default metrics_path; see server/observability/serve-metrics.ts.
export const GET = (request: Request) => serveMetrics(request);
