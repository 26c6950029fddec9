import { db } from "@/server/db/client";
import { getBalance } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { balanceOperation } from "@/server/rest/operations/points-operations";

// GET /api/v1/points/balance?email=|phone=|customerId=|externalId=
export const GET = apiRoute(balanceOperation, async ({ actor, query }) => getBalance(db, actor, query));
