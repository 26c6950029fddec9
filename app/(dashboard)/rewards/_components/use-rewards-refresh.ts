"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";

// A redemption or its cancel moves stock, pool codes, a balance and the history at once.
export function useRewardsRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.rewards.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.points.pathKey() }),
    ]);
}
