// The delivery log of one endpoint, newest first: each delivery with its event, its state, and
// every attempt (status code, duration, error, when the next one was due): the failed ones from
// the attempt log, the successful one from the delivery row. Paged like every
// list. No payloads or response bodies: the event is identified, its data stays in the outbox.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { pagination, type Pagination } from "../paging";
import { findWebhookEndpoint } from "./manage-webhook-endpoints";
import { listDeliveriesInput, type ListDeliveriesInput } from "./webhook-schemas";

export type DeliveryAttempt = { attempt: number; statusCode: number | null; durationMs: number; error: string | null; nextAttemptAt: Date | null; createdAt: Date };
export type PublicDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  eventCreatedAt: Date;
  kind: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  attemptLog: DeliveryAttempt[];
};

export async function listWebhookDeliveries(db: DbOrTx, actor: Actor, input: { id: string } & ListDeliveriesInput): Promise<{ items: PublicDelivery[]; pagination: Pagination }> {
  const endpoint = await findWebhookEndpoint(db, actor, input.id);
  const { page, perPage, status, eventType } = listDeliveriesInput.parse(input);
  const where = { businessId: actor.businessId, endpointId: endpoint.id, status, ...(eventType && { event: { type: eventType } }) };
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * perPage,
      take: perPage,
      include: { event: { select: { eventId: true, type: true, createdAt: true } }, attemptsLog: { orderBy: { attempt: "asc" } } },
    }),
    db.webhookDelivery.count({ where }),
  ]);
  const items = rows.map((d) => ({
    id: d.id,
    // Deliveries exist only for events with an id (older events are never sent).
    eventId: d.event.eventId!,
    eventType: d.event.type,
    eventCreatedAt: d.event.createdAt,
    kind: d.kind,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
    attemptLog: [
      ...d.attemptsLog.map(({ attempt, statusCode, durationMs, error, nextAttemptAt, createdAt }) => ({ attempt, statusCode, durationMs, error, nextAttemptAt, createdAt })),
      // The successful attempt is kept on the delivery itself, not as a log row.
      ...(d.status === "DELIVERED" ? [{ attempt: d.attempts, statusCode: d.lastStatusCode, durationMs: d.lastDurationMs ?? 0, error: null, nextAttemptAt: null, createdAt: d.lastAttemptAt! }] : []),
    ],
  }));
  return { items, pagination: pagination(page, perPage, total) };
}
