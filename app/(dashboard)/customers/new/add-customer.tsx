"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { CustomerForm, emptyCustomerFields, saveErrorOf, type CustomerFields, type SaveError } from "../_components/customer-form";

const orUndefined = (v: string) => v || undefined;

export function AddCustomer() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<SaveError | null>(null);
  const create = useMutation(
    trpc.customers.create.mutationOptions({
      onSuccess: ({ customer, created }) => {
        // The API answers an already-enrolled email (or phone) with that customer and changes
        // nothing: say so and point at them rather than pretend a new one was made.
        if (!created) {
          setError({ message: "A customer with this email or phone is already enrolled; nothing was changed.", holder: { id: customer.id, name: customer.name } });
          return;
        }
        void queryClient.invalidateQueries({ queryKey: trpc.customers.list.queryKey() });
        toast.success(`Added ${customer.name ?? "the customer"}.`);
        router.push(`/customers/${customer.id}`);
      },
      onError: (e) => setError(saveErrorOf(e)),
    }),
  );
  const save = (f: CustomerFields) => {
    setError(null);
    create.mutate({
      name: f.name,
      email: orUndefined(f.email),
      phone: orUndefined(f.phone),
      notes: orUndefined(f.notes),
      // A non-number reaches the server as NaN and gets its "must be a number".
      initialPoints: f.initialPoints ? Number(f.initialPoints) : undefined,
      initialPointsReason: orUndefined(f.initialPointsReason),
    });
  };
  return (
    <div className="max-w-2xl">
      <PageHeader title="Add customer" description="Enrol someone at the counter or on the phone." />
      <CustomerForm mode="add" initial={emptyCustomerFields} saving={create.isPending} error={error} submitLabel="Add customer" cancelHref="/customers" onSave={save} />
    </div>
  );
}
