import type { Metadata } from "next";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return <AuditTable />;
}
