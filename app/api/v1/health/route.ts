import { checkHealth } from "@/server/health/check-health";
import { ok, restHandler } from "@/server/rest/envelope";

export const dynamic = "force-dynamic";

// GET /api/v1/health: liveness plus a database round trip (503 SERVICE_UNAVAILABLE without it).
export const GET = restHandler(async () => ok(await checkHealth()));
