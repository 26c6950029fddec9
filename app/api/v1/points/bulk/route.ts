import { db } from "@/server/db/client";
import { runBulk } from "@/server/ledger/run-bulk";
import { apiRoute } from "@/server/rest/api-route";
import { bulkOperation } from "@/server/rest/operations/bulk-operations";

// POST /api/v1/points/bulk: up to 1,000 awards/redemptions/adjustments, each succeeding or
// failing on its own; 200 with a result per item. Entries record source BULK.
export const POST = apiRoute(bulkOperation, async ({ actor, body }) => runBulk(db, actor, body), { source: "BULK" });
