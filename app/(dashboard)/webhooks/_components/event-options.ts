// Server side only (the schemas import the DNS-based URL guard): the events a webhook can
// subscribe to, from the server's one catalogue, so a new event type shows up in the portal
// without touching it.
import { outboxEvents } from "@/server/outbox/outbox-events";
import { WEBHOOK_EVENTS } from "@/server/webhooks/webhook-schemas";
import type { EventOption } from "./webhook-form-schema";

export function eventOptions(): EventOption[] {
  return WEBHOOK_EVENTS.map((type) => ({ type, description: outboxEvents[type].description ?? "" }));
}
