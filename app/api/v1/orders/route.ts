import { db, readDb } from "@/server/db/client";
import { createOrder } from "@/server/orders/create-order";
import { listOrders } from "@/server/orders/list-orders";
import { apiRoute, reply } from "@/server/rest/api-route";
import { createOrderOperation, listOrdersOperation } from "@/server/rest/operations/orders-operations";

// GET /api/v1/orders: newest first, by customer and status, paged.
export const GET = apiRoute(listOrdersOperation, async ({ actor, query }) => listOrders(readDb, actor, query));

// POST /api/v1/orders: 201 with a new order, 200 with the original on a replay.
export const POST = apiRoute(createOrderOperation, async ({ actor, body }) => {
  const result = await createOrder(db, actor, body);
  return reply(result.order, { status: result.created ? 201 : 200 });
});
