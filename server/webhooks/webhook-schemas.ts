// What an integrator may subscribe to, and where deliveries may go. Plain http is only for
// a developer's own machine: anything else would send signed customer data in the clear.
import { z } from "zod";
import { storableText } from "../storable";

export const WEBHOOK_EVENTS = [
  "points.earned",
  "points.redeemed",
  "points.adjusted",
  "points.expired",
  "points.reversed",
  "customer.created",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isAllowedWebhookUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
}

export const webhookEventSchema = z.enum([...WEBHOOK_EVENTS, "*"], {
  error: `must be one of ${WEBHOOK_EVENTS.join(", ")} or *`,
});

export const createWebhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(2048)
    .refine(isAllowedWebhookUrl, "must be an https:// URL (http:// only for localhost), without credentials"),
  // Duplicates are dropped; "*" subscribes to every event, including ones added later.
  events: z
    .array(webhookEventSchema)
    .min(1, "subscribe to at least one event")
    .max(20)
    .transform((events) => [...new Set(events)]),
  description: storableText(500).optional(),
});

export const deleteWebhookInput = z.object({ id: z.string().max(100) });

export type CreateWebhookInput = z.input<typeof createWebhookInput>;
export type DeleteWebhookInput = z.input<typeof deleteWebhookInput>;
