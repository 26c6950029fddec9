"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { MemberLinkDialog } from "./member-link-dialog";
import { useCustomerRefresh } from "./use-customer-refresh";

type Props = { customer: { id: string; name: string | null; status: "ACTIVE" | "BLOCKED"; balance: number }; isOwner: boolean };

export function CustomerActions({ customer, isOwner }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useCustomerRefresh();
  const [confirm, setConfirm] = useState<"lock" | "erase" | "phone" | "sign-out" | null>(null);
  const locked = customer.status === "BLOCKED";
  const setStatus = useMutation(
    trpc.customers.setStatus.mutationOptions({
      onSuccess: (c) => (toast.success(c.status === "BLOCKED" ? "Customer locked: earning and redeeming are refused." : "Customer unlocked."), setConfirm(null), void refresh()),
      onError: (error) => toast.error(error.message),
    }),
  );
  const signOutPhones = useMutation(
    trpc.customers.endMemberSessions.mutationOptions({
      onSuccess: () => (toast.success("Signed out of the member page on every phone."), setConfirm(null)),
      onError: (error) => toast.error(error.message),
    }),
  );
  const erase = useMutation(
    trpc.customers.erase.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Customer erased${r.forfeitedPoints ? `; ${formatPoints(r.forfeitedPoints)} points forfeited` : ""}.`);
        void refresh();
        router.push("/customers");
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={`/customers/${customer.id}/edit`} className="inline-flex items-center rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Edit</Link>
      <Button variant="secondary" onClick={() => setConfirm("phone")}>Sign in on phone</Button>
      <Button variant="secondary" onClick={() => setConfirm("sign-out")}>Sign out phones</Button>
      <Button variant="secondary" onClick={() => setConfirm("lock")}>{locked ? "Unlock" : "Lock"}</Button>
      {isOwner && <Button variant="danger" onClick={() => setConfirm("erase")}>Erase</Button>}
      <MemberLinkDialog customerId={customer.id} open={confirm === "phone"} onClose={() => setConfirm(null)} />
      <ConfirmDialog
        open={confirm === "sign-out"}
        title="Sign them out of the member page everywhere?"
        description="Every phone signed in to their member page is signed out, and sign-in links not opened yet stop working. They can sign in again with a new link or an emailed code."
        confirmLabel="Sign out phones"
        tone="primary"
        loading={signOutPhones.isPending}
        onConfirm={() => signOutPhones.mutate({ id: customer.id })}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === "lock"}
        title={locked ? "Unlock this customer?" : "Lock this customer?"}
        description={locked ? "They can earn and redeem points again." : "While locked, tills and the API can't award or redeem their points (staff adjustments still work)."}
        confirmLabel={locked ? "Unlock" : "Lock customer"}
        tone={locked ? "primary" : "danger"}
        loading={setStatus.isPending}
        onConfirm={() => setStatus.mutate({ id: customer.id, status: locked ? "ACTIVE" : "BLOCKED" })}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === "erase"}
        title="Erase this customer's personal data?"
        description={<>Their name, email, phone and external id are deleted and their {formatPoints(customer.balance)} points are forfeited. The anonymised ledger stays. <strong>This cannot be undone.</strong></>}
        confirmLabel="Erase permanently"
        loading={erase.isPending}
        onConfirm={() => erase.mutate({ id: customer.id })}
        onCancel={() => setConfirm(null)}
      />
    </div>
  );
}
