"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";

// After any write on a customer, the balance card, the history, the list and what they can
// redeem (and have redeemed) are all stale.
export function useCustomerRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.points.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() }),
    ]);
}
