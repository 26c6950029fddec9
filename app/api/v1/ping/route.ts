import { ok, restHandler } from "@/server/rest/envelope";

export const dynamic = "force-dynamic";

// GET /api/v1/ping: liveness without touching the database (load balancers, benchmarks).
export const GET = restHandler(async () => ok({ pong: true }), { route: "/ping" });
