import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { AppError } from "@/server/errors";
import { readText } from "@/server/rest/api-route";
import { createTrpcContext } from "@/server/trpc/create-context";
import { appRouter } from "@/server/trpc/routers/app-router";
import { MAX_TRPC_BATCH } from "@/server/trpc/max-batch";

export const dynamic = "force-dynamic";

// The portal's tRPC endpoint; the public REST API never goes through here.
async function handler(request: Request) {
  let req = request;
  if (request.method === "POST") {
    // Capped like the REST API's bodies (1 MB): the adapter would otherwise read any size whole.
    try {
      const body = await readText(request);
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      headers.delete("transfer-encoding");
      req = new Request(request.url, { method: "POST", headers, body, signal: request.signal });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return Response.json({ error: { message: error.message, code: -32600, data: { code: error.trpcCode, httpStatus: error.status, appCode: error.code } } }, { status: error.status });
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // One request naming hundreds of procedures would run them all at once on our pool.
    maxBatchSize: MAX_TRPC_BATCH,
    createContext: ({ resHeaders }) => createTrpcContext({ headers: request.headers, resHeaders }),
  });
}

export { handler as GET, handler as POST };
