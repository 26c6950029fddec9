import { checkReadiness } from "@/server/health/check-readiness";
import { ok, restHandler } from "@/server/rest/envelope";

export const dynamic = "force-dynamic";

// GET /api/v1/health/ready: 503 SERVICE_UNAVAILABLE, with the reason, while the database is
// unreachable or a migration is pending (see check-readiness.ts).
export const GET = restHandler(async () => ok(await checkReadiness()));
