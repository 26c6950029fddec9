// The webhook requests the worker would send to an endpoint, without the worker: the outbox is
// fanned out, each pending delivery's body is built from its outbox row the way
// server/webhooks/deliver-webhooks.ts builds it, and signed with the app's own signer.
import { db } from "../server/db/client";
import { signWebhook, type SignedHeaders } from "../server/webhooks/sign-webhook";

export type SignedDelivery = { type: string; body: string; headers: SignedHeaders };

export async function signedDeliveries(businessId: string, endpointId: string, secret: string): Promise<SignedDelivery[]> {
  await db.$queryRaw`SELECT ll_fan_out_outbox(500)`;
  const rows = await db.$queryRaw<{ event_id: string; type: string; body: string }[]>`
    SELECT o."event_id", o."type",
           json_build_object('id', o."event_id", 'type', o."type", 'createdAt', ll_iso(o."created_at"),
                             'businessId', o."business_id", 'data', o."payload")::text AS body
      FROM "webhook_deliveries" d
      JOIN "outbox_events" o ON o."business_id" = d."business_id" AND o."id" = d."event_id"
     WHERE d."business_id" = ${businessId}::uuid AND d."endpoint_id" = ${endpointId}::uuid
     ORDER BY o."id"`;
  return rows.map((row) => ({ type: row.type, body: row.body, headers: signWebhook(row.event_id, new Date(), row.body, [secret]) }));
}
