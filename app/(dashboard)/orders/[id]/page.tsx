import type { Metadata } from "next";
import { OrderDetail } from "./_components/order-detail";

export const metadata: Metadata = { title: "Order" };

// Refunds and status moves are open to staff and owners alike (the orders router's
// staffProcedure, as adjusting and redeeming on the customer page), so no role is passed.
export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <OrderDetail id={id} />;
}
