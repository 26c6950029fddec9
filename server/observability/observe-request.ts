// A finished request, once: its latency into the route's histogram and one log line. Both are
// O(1) (labels from the route table, a fixed bucket list) and add microseconds to a request.
import { logger } from "./logger";
import { metrics } from "./metrics";

export function observeRequest(method: string, route: string, status: number, startedAt: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  metrics().httpDuration.observe({ route, method, status: String(status) }, seconds);
  logger().info({ method, route, status, durationMs: Math.round(seconds * 10_000) / 10 }, "request");
}

// A portal tRPC call: procedure paths come from the router, so they are a fixed set too.
export function observeTrpcCall(procedure: string, type: string, result: string, startedAt: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  metrics().trpcDuration.observe({ procedure, type, result }, seconds);
  logger().info({ procedure, type, result, durationMs: Math.round(seconds * 10_000) / 10 }, "trpc call");
}
