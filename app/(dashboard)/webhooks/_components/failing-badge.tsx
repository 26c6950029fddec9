"use client";
// The count of failing endpoints next to the Webhooks nav item, so an owner notices on any
// page. Shares its query with the webhooks page, so changes there update it.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc-provider";

export function FailingWebhooksBadge() {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const failing = endpoints.data?.filter((e) => e.status === "FAILING").length ?? 0;
  if (failing === 0) return null;
  return (
    <span className="ml-auto rounded-full bg-red-500 px-2 py-0.5 text-xs font-semibold text-white" data-testid="failing-webhooks-badge">
      <span className="sr-only">failing: </span>
      {failing}
    </span>
  );
}
