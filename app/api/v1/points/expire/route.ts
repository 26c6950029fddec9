import { db } from "@/server/db/client";
import { expirePoints } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { expireOperation } from "@/server/rest/operations/points-operations";

// POST /api/v1/points/expire: expire a customer's due points (or up to an amount of them).
export const POST = apiRoute(expireOperation, async ({ actor, body }) => ledgerReply(await expirePoints(db, actor, body)));
