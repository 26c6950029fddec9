import { z } from "zod";
import { WEBHOOK_DELIVERY_RULES, webhookEventData, type WebhookEventType } from "@/server/webhooks/webhook-envelopes";

const VERIFY = `import { Webhook } from "standardwebhooks";

// rawBody: the request body exactly as received (a string), before any JSON parsing.
const event = new Webhook(process.env.LOYALTY_WEBHOOK_SECRET).verify(rawBody, {
  "webhook-id": req.headers["webhook-id"],
  "webhook-timestamp": req.headers["webhook-timestamp"],
  "webhook-signature": req.headers["webhook-signature"],
}); // throws on a bad signature or a timestamp older than 5 minutes
if (await alreadyHandled(event.id)) return res.status(200).end();`;

// The top-level fields of an event's data, with their descriptions, from the same zod schema
// the OpenAPI document and the delivery tests use.
function fields(type: WebhookEventType): { name: string; description: string }[] {
  const json = z.toJSONSchema(webhookEventData[type], { unrepresentable: "any" }) as { properties?: Record<string, { description?: string }> };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({ name, description: p.description ?? "" }));
}

// /docs: what we send to webhook endpoints, next to the operations that manage them.
export function WebhookEventsSection() {
  const types = Object.keys(webhookEventData) as WebhookEventType[];
  return (
    <section id="webhook-events" className="space-y-6">
      <h2 className="text-2xl font-semibold">Webhook events</h2>
      <div className="space-y-3 text-slate-600">
        <p>
          Each event is a <code className="rounded bg-slate-100 px-1">POST</code> of{" "}
          <code className="rounded bg-slate-100 px-1">{"{id, type, createdAt, businessId, data}"}</code> to every active endpoint
          subscribed to its type (or to <code className="rounded bg-slate-100 px-1">*</code>), within about a second of the change,
          signed per Standard Webhooks with the endpoint&apos;s <code className="rounded bg-slate-100 px-1">whsec_</code> secret in the{" "}
          <code className="rounded bg-slate-100 px-1">webhook-id</code>, <code className="rounded bg-slate-100 px-1">webhook-timestamp</code> and{" "}
          <code className="rounded bg-slate-100 px-1">webhook-signature</code> headers.
        </p>
        <p>{WEBHOOK_DELIVERY_RULES}</p>
      </div>
      <pre tabIndex={0} className="keep-dark overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100"><code>{VERIFY}</code></pre>
      <div className="space-y-4">
        {types.map((type) => (
          <article key={type} id={`event-${type}`} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <code className="font-mono text-sm font-semibold">{type}</code>
            <p className="mt-1 text-slate-600">{webhookEventData[type].description}</p>
            <table className="mt-3 w-full text-left text-sm">
              <tbody>
                {fields(type).map((f) => (
                  <tr key={f.name} className="border-t border-slate-100">
                    <td className="py-1.5 pr-4 align-top font-mono">data.{f.name}</td>
                    <td className="py-1.5 text-slate-600">{f.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </div>
    </section>
  );
}
