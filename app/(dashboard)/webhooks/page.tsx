import type { Metadata } from "next";
import { OwnerGate } from "../_components/owner-gate";
import { eventOptions } from "./_components/event-options";
import { WebhooksPanel } from "./_components/webhooks-panel";

export const metadata: Metadata = { title: "Webhooks" };

export default function WebhooksPage() {
  return (
    <OwnerGate what="webhooks">
      <WebhooksPanel events={eventOptions()} />
    </OwnerGate>
  );
}
