import type { Metadata } from "next";
import { OwnerGate } from "../_components/owner-gate";
import { ApiKeysPanel } from "./_components/api-keys-panel";

export const metadata: Metadata = { title: "API keys" };

export default function ApiKeysPage() {
  return (
    <OwnerGate what="API keys">
      <ApiKeysPanel />
    </OwnerGate>
  );
}
