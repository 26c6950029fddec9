// WEB_CONCURRENCY > 1: app processes share one port, so a scrape reaches whichever process the
// supervisor hands the connection to, and one process's counters would look like resets from
// scrape to scrape. So the process that is asked forwards the scrape to the supervisor, which
// gathers every process's metrics as JSON and merges them with prom-client's
// AggregatorRegistry.aggregate (counters and histograms summed, per-process gauges summed,
// gauges read from the database taken once), answering with the whole server's figures.
//
// Our own messages rather than prom-client's cluster listeners: Next bundles the routes' code
// (and may bundle its own copy of prom-client), so the registry is found on globalThis (see
// metrics.ts), by whichever copy made it.
import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";

// One process's metrics as registry.getMetricsAsJSON() gives them.
type metric = object;

const SCRAPE = "loyalty:metrics-scrape";
const SCRAPED = "loyalty:metrics-scraped";
const GATHER = "loyalty:metrics-gather";
const GATHERED = "loyalty:metrics-gathered";
const TIMEOUT_MS = 5000;

type Message = { type?: string; id?: number; text?: string; error?: string; metrics?: metric[] };
type Holder = { __loyaltyMetrics?: { registry: { getMetricsAsJSON(): Promise<metric[]> } } };

// In the supervisor: answer a process's forwarded scrape with every process's metrics.
export function serveClusterMetrics(): void {
  let next = 0;
  const gathering = new Map<number, { pending: number; parts: metric[][] }>();
  cluster.on("message", (worker, message: Message) => {
    if (message?.type === GATHERED) {
      const g = gathering.get(message.id!);
      if (!g) return;
      g.parts.push(message.metrics ?? []);
      g.pending--;
      return;
    }
    if (message?.type !== SCRAPE) return;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
    const id = next++;
    const g = { pending: workers.length, parts: [] as metric[][] };
    gathering.set(id, g);
    for (const w of workers) w!.send({ type: GATHER, id });
    const started = Date.now();
    const check = setInterval(() => {
      if (g.pending > 0 && Date.now() - started < TIMEOUT_MS) return;
      clearInterval(check);
      gathering.delete(id);
      // A process that didn't answer in time (busy, restarting) is left out rather than failing the scrape.
      Promise.resolve(AggregatorRegistry.aggregate(g.parts).metrics()).then(
        (text) => worker.send({ type: SCRAPED, id: message.id, text }),
        (error: unknown) => worker.send({ type: SCRAPED, id: message.id, error: String(error) }),
      );
    }, 5);
  });
}

// In every app process under the supervisor (scripts/serve.ts): hand over this process's metrics.
export function answerMetricsGathering(): void {
  if (!cluster.isWorker) return;
  process.on("message", (message: Message) => {
    if (message?.type !== GATHER) return;
    const registry = (globalThis as Holder).__loyaltyMetrics?.registry;
    Promise.resolve(registry ? registry.getMetricsAsJSON() : []).then(
      (metrics) => process.send!({ type: GATHERED, id: message.id, metrics }),
      () => process.send!({ type: GATHERED, id: message.id, metrics: [] }),
    );
  });
}

let nextScrape = 0;

// The whole server's metrics text, or null in a process of its own (no supervisor).
export function clusterMetricsText(): Promise<string> | null {
  if (!cluster.isWorker || !process.send) return null;
  const id = nextScrape++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error("The supervisor didn't answer with the app processes' metrics in time.")), TIMEOUT_MS * 2);
    const onMessage = (message: Message) => {
      if (message?.type === SCRAPED && message.id === id) finish(message.error ? new Error(message.error) : null, message.text);
    };
    function finish(error: Error | null, text?: string) {
      clearTimeout(timer);
      process.off("message", onMessage);
      if (error) reject(error);
      else resolve(text ?? "");
    }
    process.on("message", onMessage);
    process.send!({ type: SCRAPE, id });
  });
}
