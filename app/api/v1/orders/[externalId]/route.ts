import { db } from "@/server/db/client";
import { getOrder } from "@/server/orders/list-orders";
import { updateOrderStatus } from "@/server/orders/update-order-status";
import { apiRoute } from "@/server/rest/api-route";
import { getOrderOperation, updateOrderOperation } from "@/server/rest/operations/orders-operations";

// GET /api/v1/orders/{externalId}: one order of this business with its lines and refunds.
export const GET = apiRoute(getOrderOperation, async ({ actor, params }) => getOrder(db, actor, params));

// PUT /api/v1/orders/{externalId}: moves the status (awarding or taking back its points).
export const PUT = apiRoute(updateOrderOperation, async ({ actor, params, body }) =>
  (await updateOrderStatus(db, actor, { externalId: params.externalId, status: body.status })).order);
