import type { Metadata } from "next";
import { headers } from "next/headers";
import { curlExample } from "@/server/rest/curl-example";
import type { Operation } from "@/server/rest/operation";
import { sdkExample } from "@/server/rest/sdk-example";
import { allOperations } from "@/server/rest/operations";
import { OperationCard } from "./operation-card";
import { WebhookEventsSection } from "./webhook-events-section";

export const metadata: Metadata = { title: "API reference" };

const SDK_SETUP = (baseUrl: string) =>
  `import { LoyaltyLedger } from "@loyalty-ledger/sdk";\n\nconst ll = new LoyaltyLedger({ apiKey: process.env.LOYALTY_API_KEY!, baseUrl: "${baseUrl}" });`;

// The browsable API reference, rendered from the same operations as /api/v1/openapi.json.
export default async function DocsPage() {
  const host = (await headers()).get("host") ?? "localhost:3000";
  const baseUrl = `${host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https"}://${host}`;
  const tags = [...new Set(allOperations.map((o) => o.tag))];
  const byTag = (tag: string) => allOperations.filter((o: Operation) => o.tag === tag);
  return (
    <div className="mx-auto flex max-w-6xl gap-10 px-6 py-10">
      <nav className="sticky top-10 hidden h-fit w-52 shrink-0 space-y-4 text-sm lg:block">
        <p className="font-semibold text-slate-900">Loyalty Ledger API</p>
        {tags.map((tag) => (
          <div key={tag}>
            <a href={`#${tag}`} className="font-medium text-slate-700 hover:text-brand-600">{tag}</a>
            <ul className="mt-1 space-y-1 border-l border-slate-200 pl-3">
              {byTag(tag).map((o) => (
                <li key={`${o.method} ${o.path}`}>
                  <a href={`#${o.method}-${o.path}`} className="text-slate-500 hover:text-brand-600">{o.summary}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <a href="#webhook-events" className="block font-medium text-slate-700 hover:text-brand-600">Webhook events</a>
      </nav>
      <main className="min-w-0 flex-1 space-y-12">
        <header className="space-y-3">
          <h1 className="text-3xl font-bold tracking-tight">API reference</h1>
          <p className="text-slate-600">
            Send your API key as <code className="rounded bg-slate-100 px-1">Authorization: Bearer ll_live_…</code> or{" "}
            <code className="rounded bg-slate-100 px-1">X-API-Key</code>. Every answer is{" "}
            <code className="rounded bg-slate-100 px-1">{'{"success": true, "data": …}'}</code> or{" "}
            <code className="rounded bg-slate-100 px-1">{'{"success": false, "error": "…", "code": "…"}'}</code>. Writes take an{" "}
            <code className="rounded bg-slate-100 px-1">idempotencyKey</code>: retry freely. Machine-readable:{" "}
            <a className="text-brand-600 underline" href="/api/v1/openapi.json">openapi.json</a>.
          </p>
          <p className="text-slate-600">
            The TypeScript SDK <code className="rounded bg-slate-100 px-1">@loyalty-ledger/sdk</code> (in the repository&apos;s{" "}
            <code className="rounded bg-slate-100 px-1">sdk/</code>) is generated from that document: each operation below shows its call next
            to the curl line. It adds an idempotency key to every write that takes one, retries 429 after its Retry-After (and dropped
            connections and 503 when the request is safe to send again), throws <code className="rounded bg-slate-100 px-1">LoyaltyLedgerError</code> with the API&apos;s code, pages
            through lists and verifies webhooks.
          </p>
          <pre tabIndex={0} className="keep-dark overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100"><code>{SDK_SETUP(baseUrl)}</code></pre>
        </header>
        {tags.map((tag) => (
          <section key={tag} id={tag} className="space-y-6">
            <h2 className="text-2xl font-semibold">{tag}</h2>
            {byTag(tag).map((o) => (
              <OperationCard key={`${o.method} ${o.path}`} operation={o} curl={curlExample(o, baseUrl)} sdk={sdkExample(o)} />
            ))}
          </section>
        ))}
        <WebhookEventsSection />
      </main>
    </div>
  );
}
