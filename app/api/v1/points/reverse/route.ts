import { db } from "@/server/db/client";
import { reverseEntry } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { reverseOperation } from "@/server/rest/operations/points-operations";

// POST /api/v1/points/reverse: undo a transaction once (transactionId or entryId).
export const POST = apiRoute(reverseOperation, async ({ actor, body }) =>
  ledgerReply(await reverseEntry(db, actor, { ...body, entryId: (body.transactionId ?? body.entryId)! })),
);
