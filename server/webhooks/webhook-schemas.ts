// What an integrator may subscribe to and where deliveries may go, for REST, tRPC and OpenAPI.
//
// The URL field checks only what holds under every setting (an http(s) URL without
// credentials) and normalises it. Where it points (https only, no private addresses: the SSRF
// guard) is decided by checkWebhookUrl in the domain functions, for two reasons: it needs DNS,
// which a synchronous zod schema can't do, and it depends on WEBHOOK_ALLOW_PRIVATE_URLS, which
// env() reads once per process while tests need the guard both on and off. A schema built per
// setting would not be one static schema for OpenAPI.
import { z } from "zod";
import { pagedBy, pagingShape } from "../paging";
import { storableDate, storableText } from "../storable";
import { outboxEvents, type OutboxEventType } from "../outbox/outbox-events";
import { normalizeWebhookUrl, webhookUrlSyntaxProblem } from "./webhook-url";

// Every event type the outbox documents (server/outbox/outbox-events.ts): one list, so a new
// event can be subscribed to the moment it is written.
export const WEBHOOK_EVENTS = Object.keys(outboxEvents) as [OutboxEventType, ...OutboxEventType[]];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const toDotForm = (event: string) => event.replace("/", ".");
// Some platforms spell topics with a slash (orders/create); both are taken, dots are stored.
const SLASH_EVENTS = WEBHOOK_EVENTS.map((e) => e.replace(".", "/"));

export const webhookEventSchema = z
  .enum([...WEBHOOK_EVENTS, ...SLASH_EVENTS, "*"], { error: `must be one of ${WEBHOOK_EVENTS.join(", ")} or *` })
  .transform((event) => toDotForm(event) as WebhookEvent | "*");

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((url, ctx) => {
    const problem = webhookUrlSyntaxProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(normalizeWebhookUrl)
  .meta({ description: "An https URL that resolves only to public addresses; stored without its #fragment.", format: "uri" });

// Duplicates (also across spellings) are dropped; "*" subscribes to every event, including
// ones added later.
const eventsSchema = z
  .array(webhookEventSchema)
  .min(1, "subscribe to at least one event")
  .max(30)
  .transform((events) => [...new Set(events)])
  .meta({ description: `Any of ${WEBHOOK_EVENTS.join(", ")} (points/earned is read as points.earned), or "*" for all.` });

export const createWebhookInput = z.object({
  url: webhookUrlSchema,
  events: eventsSchema,
  description: storableText(500).optional(),
});

export const webhookIdParams = z.object({ id: z.string().max(100).meta({ description: "The endpoint id (a UUID).", format: "uuid" }) });
export const deleteWebhookInput = webhookIdParams;

const changesShape = {
  url: webhookUrlSchema.optional(),
  events: eventsSchema.optional(),
  // null clears the description.
  description: storableText(500).nullable().optional(),
  // false stops deliveries (DISABLED); true turns an endpoint on again, also after FAILING.
  enabled: z.boolean({ error: "must be true or false" }).optional(),
};
const hasChange = (v: { url?: unknown; events?: unknown; description?: unknown; enabled?: unknown }) =>
  v.url !== undefined || v.events !== undefined || v.description !== undefined || v.enabled !== undefined;
const NO_CHANGE = { message: "send at least one of url, events, description or enabled", path: ["url"] };

// The editable fields on their own: the body of PATCH /webhooks/{id}.
export const webhookChangesInput = z.object(changesShape).refine(hasChange, NO_CHANGE);
export const updateWebhookInput = z.object({ ...webhookIdParams.shape, ...changesShape }).refine(hasChange, NO_CHANGE);

export const MAX_REPLAY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

// Events of a past period sent again to one endpoint (after an outage on the receiver's side).
// Bounded so one call can't queue the business's whole history.
export const replayWebhookInput = z
  .object({
    from: storableDate.meta({ description: "Start of the period (ISO 8601), inclusive." }),
    to: storableDate.optional().meta({ description: "End of the period (ISO 8601), exclusive; default now." }),
    onlyFailed: z
      .boolean({ error: "must be true or false" })
      .default(true)
      .meta({
        description:
          "Only the events this endpoint never received and has none on the way (default; this includes events from before it existed); false sends every event of the period again.",
      }),
    after: z
      .string()
      .regex(/^\d{1,19}$/, "must be the `next` of an earlier replay's answer")
      .refine((v) => BigInt(v) <= 9_223_372_036_854_775_807n, "must be the `next` of an earlier replay's answer")
      .optional()
      .meta({ description: "To continue a replay that answered more: true, its `next`." }),
  })
  .transform((value, ctx) => {
    const to = value.to ?? new Date();
    if (value.from.getTime() >= to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to (or before now when to is left out)", input: value.from });
    } else if (to.getTime() - value.from.getTime() > MAX_REPLAY_DAYS * DAY_MS) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `at most ${MAX_REPLAY_DAYS} days can be replayed at once; split the period`, input: value.from });
    }
    return { ...value, to };
  });

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;

// The delivery log of one endpoint, newest first, in the one paging convention (server/paging.ts).
export const listDeliveriesInput = z
  .object({
    ...pagingShape,
    status: z.enum(WEBHOOK_DELIVERY_STATUSES, { error: `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(", ")}` }).optional(),
    eventType: z
      .string()
      .trim()
      .max(100)
      .transform(toDotForm)
      .optional()
      .meta({ description: "Only deliveries of this event type (points.earned; points/earned works too)." }),
  })
  .transform(pagedBy);

export type CreateWebhookInput = z.input<typeof createWebhookInput>;
export type DeleteWebhookInput = z.input<typeof deleteWebhookInput>;
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;
export type ReplayWebhookInput = z.input<typeof replayWebhookInput>;
export type ListDeliveriesInput = z.input<typeof listDeliveriesInput>;
