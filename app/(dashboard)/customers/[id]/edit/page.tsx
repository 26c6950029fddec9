import type { Metadata } from "next";
import { EditCustomer } from "./edit-customer";

export const metadata: Metadata = { title: "Edit customer" };

// Staff and owners alike: correcting a name or number is till work (customers.update is a staffProcedure).
export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditCustomer id={id} />;
}
