import { db } from "@/server/db/client";
import { listHistory } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { historyOperation } from "@/server/rest/operations/points-operations";

// GET /api/v1/points/history?email=…&type=&from=&to=&reference=&page=&perPage=
export const GET = apiRoute(historyOperation, async ({ actor, query }) => listHistory(db, actor, query));
