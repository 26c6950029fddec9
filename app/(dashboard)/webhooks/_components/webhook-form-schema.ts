// The webhooks forms' own schemas and helpers, safe for the browser (the server's schemas pull
// in the DNS-based URL guard). The server checks everything again and has the last word: where
// a URL may point, the 30-day replay limit, which event names exist.
import { z } from "zod";

// An event a webhook can subscribe to, with its documentation (from server/outbox/outbox-events.ts).
export type EventOption = { type: string; description: string };

export const ALL_EVENTS = "*";

export const endpointFormSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL that receives the events")
    .max(2048)
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), "Enter a full URL starting with https://"),
  events: z.array(z.string()).min(1, "Choose at least one event, or all events"),
  description: z.string().trim().max(500, "At most 500 characters"),
});
export type EndpointFormValues = z.input<typeof endpointFormSchema>;

// An empty description is no description: null clears one on edit, undefined skips it on create.
export function toEndpointInput(values: EndpointFormValues) {
  const parsed = endpointFormSchema.parse(values);
  const events = parsed.events.includes(ALL_EVENTS) ? [ALL_EVENTS] : parsed.events;
  return { url: parsed.url, events, description: parsed.description === "" ? null : parsed.description };
}

// points.earned -> points: the checkboxes are grouped by what the event is about, the groups
// most integrations want first; a group added later comes after them.
const GROUP_ORDER = ["points", "customer", "badge"];
const rank = (group: string) => (GROUP_ORDER.includes(group) ? GROUP_ORDER.indexOf(group) : GROUP_ORDER.length);

export function groupEvents(options: EventOption[]): [group: string, options: EventOption[]][] {
  const groups = new Map<string, EventOption[]>();
  for (const option of options) {
    const group = option.type.split(".")[0]!;
    groups.set(group, [...(groups.get(group) ?? []), option]);
  }
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

// <input type="datetime-local"> speaks the browser's local time without a zone.
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const localDateTime = z.string().refine((v) => v === "" || !Number.isNaN(new Date(v).getTime()), "Enter a date and time");

export const replayFormSchema = z
  .object({ from: localDateTime.refine((v) => v !== "", "Enter when the period starts"), to: localDateTime, onlyFailed: z.boolean() })
  .refine((v) => v.to === "" || new Date(v.from) < new Date(v.to), { path: ["from"], message: "The start must be before the end" });
export type ReplayFormValues = z.input<typeof replayFormSchema>;

// An empty end means "until now", as the server reads a missing `to`.
export function toReplayInput(values: ReplayFormValues) {
  return { from: new Date(values.from), to: values.to === "" ? undefined : new Date(values.to), onlyFailed: values.onlyFailed };
}

// The period an endpoint that stopped missed: from when it stopped (failing or turned off) to
// now, but no further back than one replay may reach.
export function missedPeriod(since: Date | null, maxDays: number, now = new Date()): { from: Date; clipped: boolean } {
  const earliest = new Date(now.getTime() - maxDays * 24 * 60 * 60 * 1000 + 60_000);
  if (!since || since < earliest) return { from: earliest, clipped: since !== null };
  return { from: since, clipped: false };
}
