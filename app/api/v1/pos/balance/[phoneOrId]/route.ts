import { db } from "@/server/db/client";
import { findTillBalance } from "@/server/pos/find-till-customer";
import { apiRoute } from "@/server/rest/api-route";
import { tillBalanceOperation } from "@/server/rest/operations/pos-operations";

// GET /api/v1/pos/balance/{phoneOrId}: balance and reward availability, by id or phone.
export const GET = apiRoute(tillBalanceOperation, async ({ actor, params }) => findTillBalance(db, actor, params.phoneOrId), { source: "POS" });
