import { db } from "@/server/db/client";
import { findTillCustomer } from "@/server/pos/find-till-customer";
import { apiRoute } from "@/server/rest/api-route";
import { tillCustomerOperation } from "@/server/rest/operations/pos-operations";

// GET /api/v1/pos/customer/{phoneOrId}: the till's customer summary, by id or phone.
export const GET = apiRoute(tillCustomerOperation, async ({ actor, params }) => findTillCustomer(db, actor, params.phoneOrId), { source: "POS" });
