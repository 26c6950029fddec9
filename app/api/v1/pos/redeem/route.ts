import { db } from "@/server/db/client";
import { redeemAtTill } from "@/server/pos/redeem-at-till";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { tillRedeemOperation } from "@/server/rest/operations/pos-operations";

// POST /api/v1/pos/redeem: spend points at the till; 422 INSUFFICIENT_POINTS when short.
export const POST = apiRoute(
  tillRedeemOperation,
  async ({ actor, body }) => ledgerReply(await redeemAtTill(db, actor, body)),
  { source: "POS" },
);
