// Most calls one tRPC request may batch: the server refuses more with 400, and the portal's
// client (components/trpc-provider.tsx) splits its batches at the same size.
export const MAX_TRPC_BATCH = 20;
