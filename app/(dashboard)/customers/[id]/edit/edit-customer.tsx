"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { CustomerForm, saveErrorOf, type CustomerFields, type SaveError } from "../../_components/customer-form";

export function EditCustomer({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<SaveError | null>(null);
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: (saved) => {
        void queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        toast.success(`Saved ${saved.name ?? "the customer"}.`);
        router.push(`/customers/${id}`);
      },
      onError: (e) => setError(saveErrorOf(e)),
    }),
  );
  if (customer.isPending) return <Skeleton className="h-96 max-w-2xl" />;
  if (customer.error) {
    return customer.error.data?.code === "NOT_FOUND" ? (
      <EmptyState title="Customer not found" description="They may have been erased, or belong to another business." action={<Link href="/customers" className="text-sm font-medium text-brand-600">Back to customers</Link>} />
    ) : (
      <ErrorState message={customer.error.message} />
    );
  }
  const c = customer.data;
  const initial: CustomerFields = { name: c.name ?? "", email: c.email ?? "", phone: c.phone ?? "", externalId: c.externalId ?? "", notes: c.notes ?? "", initialPoints: "", initialPointsReason: "" };
  // Only what changed is sent (PATCH semantics); an emptied phone, external id or notes clears it.
  const save = (f: CustomerFields) => {
    setError(null);
    const changed = (key: keyof CustomerFields) => f[key] !== initial[key];
    const cleared = (key: keyof CustomerFields) => (changed(key) ? f[key] || null : undefined);
    update.mutate({
      id,
      name: changed("name") ? f.name : undefined,
      email: changed("email") ? f.email : undefined,
      phone: cleared("phone"),
      externalId: cleared("externalId"),
      notes: cleared("notes"),
    });
  };
  return (
    <div className="max-w-2xl">
      <PageHeader title={`Edit ${c.name ?? "customer"}`} description="Corrections are recorded in the audit log (which fields, not their values)." />
      <CustomerForm mode="edit" initial={initial} saving={update.isPending} error={error} submitLabel="Save changes" cancelHref={`/customers/${id}`} onSave={save} />
    </div>
  );
}
