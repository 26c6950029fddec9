import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTrpcContext } from "@/server/trpc/create-context";
import { appRouter } from "@/server/trpc/routers/app-router";
import { MAX_TRPC_BATCH } from "@/server/trpc/max-batch";

export const dynamic = "force-dynamic";

// The portal's tRPC endpoint; the public REST API never goes through here.
function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // One request naming hundreds of procedures would run them all at once on our pool.
    maxBatchSize: MAX_TRPC_BATCH,
    createContext: () => createTrpcContext({ headers: request.headers }),
  });
}

export { handler as GET, handler as POST };
