// The SSRF guard for webhook endpoint URLs. An API key may name any URL, and we POST signed
// data to it from inside our network: without this, a key holder could reach the cloud
// metadata service, the database port or an internal admin page. Checked when an endpoint is
// saved (here, a 400 with a reason) and again at send time against the address connected to
// (post-webhook.ts), since DNS may answer differently by then.
import dns from "node:dns";
import { AppError } from "../errors";
import { hostProblem, ipRange, nonPublicAddress } from "./webhook-host";

export type WebhookUrlPolicy = {
  // WEBHOOK_ALLOW_PRIVATE_URLS (allowPrivateWebhookUrls() in server/env.ts): http and private
  // addresses, for a receiver on a developer's machine.
  allowPrivate: boolean;
};

type LookupAll = (hostname: string) => Promise<{ address: string }[]>;

const DNS_TIMEOUT_MS = 2_000;

// The WHATWG form (lower-case host, IPv4 in dotted form, default port and dot segments gone)
// without the fragment, which a receiver never sees anyway. Throws on what doesn't parse.
export function normalizeWebhookUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.hash = "";
  return url.href;
}

// For audit records and error texts: the query string may carry a receiver's token, so it is
// left out (as are credentials, which the URL check refuses anyway).
export function webhookUrlWithoutQuery(raw: string): string {
  try {
    const url = new URL(raw.trim());
    return `${url.origin}${url.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

// What any policy refuses: the shape of the URL, before anything about where it points.
export function webhookUrlSyntaxProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "is not a valid absolute URL (https://host/path)";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https:// URL";
  if (url.username || url.password) return "must not contain a user name or password; authenticate with the signature instead";
  return null;
}

// Everything that can be judged without DNS, as a sentence fragment ("must be ..."); null: fine.
export function webhookUrlProblem(raw: string, { allowPrivate }: WebhookUrlPolicy): string | null {
  const syntax = webhookUrlSyntaxProblem(raw);
  if (syntax || allowPrivate) return syntax;
  const url = new URL(raw.trim());
  if (url.protocol !== "https:") return "must be an https:// URL";
  return hostProblem(url.hostname);
}

async function lookupWithin(hostname: string, lookup: LookupAll): Promise<{ address: string }[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), DNS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(hostname).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

// The normalised URL to store, or a VALIDATION_ERROR (400) saying why not. A name that does
// not resolve (yet, or not from here) is accepted: the send-time check refuses it if it then
// points somewhere private. `lookup` is for tests; the system resolver otherwise.
export async function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy & { lookup?: LookupAll }): Promise<string> {
  const problem = webhookUrlProblem(raw, policy);
  if (problem) throw new AppError("VALIDATION_ERROR", `The webhook URL ${problem}.`);
  const normalized = normalizeWebhookUrl(raw);
  if (policy.allowPrivate) return normalized;
  const hostname = new URL(normalized).hostname;
  if (ipRange(hostname)) return normalized; // an IP literal: judged above
  const addresses = (await lookupWithin(hostname, policy.lookup ?? systemLookup)) ?? [];
  const blocked = addresses.map((a) => nonPublicAddress(a.address)).find((a) => a !== null);
  if (blocked) {
    throw new AppError("VALIDATION_ERROR", `The webhook URL's host ${hostname} resolves to a private address (${blocked}); webhooks can only go to public addresses.`);
  }
  return normalized;
}
