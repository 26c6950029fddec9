import type { Metadata } from "next";
import { AddCustomer } from "./add-customer";

export const metadata: Metadata = { title: "Add customer" };

// Staff and owners alike: enrolling is till work (customers.create is a staffProcedure).
export default function AddCustomerPage() {
  return <AddCustomer />;
}
