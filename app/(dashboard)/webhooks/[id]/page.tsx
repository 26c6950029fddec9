import type { Metadata } from "next";
import { MAX_REPLAY_DAYS } from "@/server/webhooks/webhook-schemas";
import { OwnerGate } from "../../_components/owner-gate";
import { eventOptions } from "../_components/event-options";
import { EndpointDetail } from "./_components/endpoint-detail";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <OwnerGate what="webhooks">
      <EndpointDetail id={id} events={eventOptions()} maxReplayDays={MAX_REPLAY_DAYS} />
    </OwnerGate>
  );
}
