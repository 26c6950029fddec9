"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";

// After any write on a customer, the balance card, the history, the list and what they can
// redeem (and have redeemed) are all stale. Reads still on their way began before the write:
// they are cancelled first, because invalidating a query whose first fetch is in flight reuses
// that fetch (TanStack dedupes a query without data), and the page kept the pre-write history
// when someone adjusted points before the history had loaded.
export function useCustomerRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    const stale = [trpc.customers.pathKey(), trpc.points.pathKey(), trpc.rewards.pathKey()];
    await Promise.all(stale.map((queryKey) => queryClient.cancelQueries({ queryKey })));
    await Promise.all(stale.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}
