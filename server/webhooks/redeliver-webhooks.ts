// Deliveries an owner or integrator asks for: a signed test event, one delivery sent again, or
// a period replayed (after an outage, or to an endpoint turned back on). Each is a new delivery
// of the same event (the same webhook-id, so receivers can tell a repeat), queued like the
// others and visible in the log. Only an active endpoint takes them.
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { WebhookEndpoint } from "../db/generated/client";
import { AppError } from "../errors";
import { findWebhookEndpoint } from "./manage-webhook-endpoints";
import { replayWebhookInput, type ReplayWebhookInput } from "./webhook-schemas";
import { z } from "zod";

// One call replays at most this many events; `more` says to call again for the rest.
export const MAX_REPLAY_EVENTS = 10_000;

async function activeEndpoint(db: DbOrTx, actor: Actor, id: string): Promise<WebhookEndpoint> {
  const endpoint = await findWebhookEndpoint(db, actor, id);
  if (endpoint.status !== "ACTIVE") {
    throw new AppError("CONFLICT", `This endpoint is ${endpoint.status.toLowerCase()}: enable it (PATCH with enabled: true) before sending it anything.`);
  }
  return endpoint;
}

export async function sendTestEvent(db: DbOrTx, actor: Actor, input: { id: string }): Promise<{ deliveryId: string }> {
  const endpoint = await activeEndpoint(db, actor, input.id);
  const [row] = await db.$queryRaw<{ id: string }[]>`SELECT ll_send_test_event(${actor.businessId}::uuid, ${endpoint.id}::uuid) AS id`;
  return { deliveryId: row!.id };
}

export async function resendDelivery(db: DbOrTx, actor: Actor, input: { id: string; deliveryId: string }): Promise<{ deliveryId: string }> {
  const endpoint = await activeEndpoint(db, actor, input.id);
  const original = z.guid().safeParse(input.deliveryId).success
    ? await db.webhookDelivery.findFirst({ where: { businessId: actor.businessId, endpointId: endpoint.id, id: input.deliveryId } })
    : null;
  if (!original) throw new AppError("NOT_FOUND", "No such delivery for this endpoint.");
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT ll_queue_deliveries(${actor.businessId}::uuid, ${endpoint.id}::uuid, ARRAY[${original.eventId}]::bigint[], 'RESEND') AS id`;
  await recordAudit(db, actor, { action: "webhook.resent", targetType: "webhook_endpoint", targetId: endpoint.id, details: { deliveryId: original.id } });
  return { deliveryId: row!.id };
}

export async function replayWebhookEvents(
  db: DbOrTx,
  actor: Actor,
  input: { id: string } & ReplayWebhookInput,
  // Tests: a smaller page than MAX_REPLAY_EVENTS.
  options: { limit?: number } = {},
): Promise<{ queued: number; more: boolean; next: string | null }> {
  const limit = options.limit ?? MAX_REPLAY_EVENTS;
  const endpoint = await activeEndpoint(db, actor, input.id);
  const { from, to, onlyFailed, after } = replayWebhookInput.parse(input);
  // Events in id order; `after` resumes past the last one an earlier call queued.
  const rows = await db.$queryRaw<{ id: string; event: bigint }[]>`
    SELECT delivery AS id, event FROM ll_replay_events(${actor.businessId}::uuid, ${endpoint.id}::uuid, ${from}, ${to}, ${onlyFailed},
                                                      ${after ?? null}::bigint, ${limit})`;
  const more = rows.length === limit;
  await recordAudit(db, actor, {
    action: "webhook.replayed",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    details: { from: from.toISOString(), to: to.toISOString(), onlyFailed, queued: rows.length },
  });
  return { queued: rows.length, more, next: more ? String(rows.at(-1)!.event) : null };
}
