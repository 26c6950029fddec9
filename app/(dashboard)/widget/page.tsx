import type { Metadata } from "next";
import { OwnerGate } from "../_components/owner-gate";
import { WidgetPanel } from "./_components/widget-panel";

export const metadata: Metadata = { title: "Customer widget" };

export default function WidgetPage() {
  return (
    <OwnerGate what="the customer widget">
      <WidgetPanel />
    </OwnerGate>
  );
}
