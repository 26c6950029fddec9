"use client";
// The portal's tRPC + React Query client. One QueryClient per browser tab; superjson keeps
// Dates as Dates across the wire.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { MAX_TRPC_BATCH } from "@/server/trpc/max-batch";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/routers/app-router";
import { shouldRetryQuery } from "./should-retry-query";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Portal data changes under staff's feet (tills keep writing): refetch on focus, but don't
      // hammer the server on every render; a 4xx is final (see should-retry-query.ts).
      queries: { staleTime: 10_000, retry: shouldRetryQuery },
    },
  });
}

export function TrpcProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: MAX_TRPC_BATCH })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
