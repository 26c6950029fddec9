import type { Metadata } from "next";
import { OwnerGate } from "../../_components/owner-gate";
import { ImportPanel } from "./_components/import-panel";
import { LedgerExport } from "./_components/ledger-export";

export const metadata: Metadata = { title: "Import and export" };

export default function ImportPage() {
  return (
    <OwnerGate what="customer imports and ledger exports">
      <div className="space-y-6">
        <ImportPanel />
        <LedgerExport />
      </div>
    </OwnerGate>
  );
}
