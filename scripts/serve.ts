// The app's HTTP server, in place of `next start`: Next's own request handler behind our edge
// listener (server/http/edge-listener.ts), which names the client's address from the socket
// (route handlers can't see it) and answers the few requests Next would turn into a 500.
// Bundled by scripts/start.ts into the build directory and run there with NODE_ENV=production.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import next from "next";
import { env, privateUrlsWarning } from "../server/env";
import { edgeListener } from "../server/http/edge-listener";
import { superviseWorkers } from "../server/http/supervise-workers";
import { answerMetricsGathering } from "../server/observability/cluster-metrics";
import { logger } from "../server/observability/logger";

const startedAt = Date.now();
const { PORT, TRUSTED_PROXIES, WEB_CONCURRENCY } = env();
const nextVersion = (createRequire(import.meta.url)("next/package.json") as { version: string }).version;

if (cluster.isPrimary && WEB_CONCURRENCY > 1) superviseWorkers(WEB_CONCURRENCY, (line) => console.log(`[loyalty] ${line}`));
else await serve();

async function serve() {
  answerMetricsGathering();
  // The same lines `next start` prints, so `npm start` reads as before.
  console.log(`▲ Next.js ${nextVersion}\n- Local:         http://localhost:${PORT}`);

  // The API accepts private webhook URLs under this setting: say so where operators look.
  const privateUrls = privateUrlsWarning();
  if (privateUrls) logger().warn(privateUrls);

  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: PORT });
  await app.prepare();
  const server = createServer(edgeListener(app.getRequestHandler(), { trustedProxies: TRUSTED_PROXIES, warn: (line) => logger().warn(line) }));

  server.on("error", (error) => {
    logger().fatal({ err: error }, "server error");
    process.exit(1);
  });
  server.listen(PORT, () => console.log(`✓ Ready in ${Date.now() - startedAt}ms`));

  // Like `next start`: stop accepting, let requests in flight finish, then close Next. Exit codes
  // follow the signal (128 + n), as Next's own server does.
  let stopping = false;
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close(() => void app.close().finally(() => process.exit(code)));
      server.closeIdleConnections();
      // A request that never ends (a stuck export, a client holding a keep-alive socket) must not
      // hold the shutdown open: Postgres stops after us.
      setTimeout(() => process.exit(code), 10_000).unref();
    });
  }
}
