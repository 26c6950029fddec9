"use client";
// Adding or editing a store: its name, the business's own code for it and an address. A code
// another store has comes back from the API (409) and shows under the code field.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { storeFormSchema, toStoreInput, type StoreFormValues } from "./store-form-schema";
import { FormActions } from "@/components/ui/form-actions";

type Props = {
  initial?: StoreFormValues;
  submitLabel: string;
  saving: boolean;
  // The API's refusal of the code (taken), to show on the field.
  codeError?: string;
  onSubmit: (input: ReturnType<typeof toStoreInput>) => void;
  onCancel: () => void;
};

const EMPTY: StoreFormValues = { name: "", code: "", address: "" };

export function StoreForm({ initial = EMPTY, submitLabel, saving, codeError, onSubmit, onCancel }: Props) {
  const { register, handleSubmit, formState, setError } = useForm<StoreFormValues>({ resolver: zodResolver(storeFormSchema), defaultValues: initial });
  useEffect(() => {
    if (codeError) setError("code", { type: "server", message: codeError });
  }, [codeError, setError]);
  const e = formState.errors;
  return (
    <form className="space-y-4" onSubmit={handleSubmit((values) => onSubmit(toStoreInput(values)))} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Store name" error={e.name?.message}>
          <Input {...register("name")} maxLength={120} autoComplete="off" />
        </Field>
        <Field label="Store code" hint="Your short code for it, e.g. DT-01: your tills send it with points." error={e.code?.message}>
          <Input {...register("code")} maxLength={32} className="uppercase" autoComplete="off" />
        </Field>
      </div>
      <Field label="Address" hint="Optional." error={e.address?.message}>
        <Input {...register("address")} maxLength={300} autoComplete="off" />
      </Field>
      <FormActions submitLabel={submitLabel} saving={saving} onCancel={onCancel} />
    </form>
  );
}
