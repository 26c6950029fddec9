import { db } from "@/server/db/client";
import { checkInCustomer } from "@/server/pos/check-in-customer";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { checkinOperation } from "@/server/rest/operations/pos-operations";

// POST /api/v1/pos/checkin: points for a purchase by the business's earn settings; 201 with the
// customer's standing, or the original answer on an idempotent replay.
export const POST = apiRoute(
  checkinOperation,
  async ({ actor, body }) => ledgerReply(await checkInCustomer(db, actor, body)),
  { source: "POS" },
);
