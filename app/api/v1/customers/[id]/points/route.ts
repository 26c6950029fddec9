import { db } from "@/server/db/client";
import { adjustPoints } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { adjustCustomerPointsOperation } from "@/server/rest/operations/customers-operations";

// POST /api/v1/customers/{id}/points: signed adjustment with a reason, through the ledger.
export const POST = apiRoute(adjustCustomerPointsOperation, async ({ actor, params, body }) => {
  const { staff: _staff, ...adjustment } = body; // staff is on the actor (apiRoute)
  return ledgerReply(await adjustPoints(db, actor, { ...adjustment, customerId: params.id }));
});
