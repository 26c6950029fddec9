import { db } from "@/server/db/client";
import { refundOrder } from "@/server/orders/refund-order";
import { apiRoute, reply } from "@/server/rest/api-route";
import { refundOrderOperation } from "@/server/rest/operations/orders-operations";

// POST /api/v1/orders/{externalId}/refunds: 201 with a new refund, 200 when the key replays one.
export const POST = apiRoute(refundOrderOperation, async ({ actor, params, body }) => {
  const result = await refundOrder(db, actor, { ...body, externalId: params.externalId });
  return reply(result, { status: result.replay ? 200 : 201 });
});
