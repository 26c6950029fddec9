"use client";

// Add and edit share one form. Values are sent as typed (trimmed): the server's schemas, the
// same as POST and PATCH /customers, decide what is valid and say why, so the portal never
// accepts what the API refuses or the reverse.
import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

export type CustomerFields = { name: string; email: string; phone: string; externalId: string; notes: string; initialPoints: string; initialPointsReason: string };
export const emptyCustomerFields: CustomerFields = { name: "", email: "", phone: "", externalId: "", notes: "", initialPoints: "", initialPointsReason: "" };

// What a failed save shows: the sentence, and for a clash the customer who holds the value.
export type SaveError = { message: string; field?: string; holder?: { id: string; name: string | null } };

type TrpcLikeError = { message: string; data?: { appCode?: string; appDetails?: unknown; fieldErrors?: Record<string, string[] | undefined> } | null };

export function saveErrorOf(error: TrpcLikeError): SaveError {
  const details = error.data?.appDetails as { customerId?: string; customerName?: string | null } | undefined;
  const holder = error.data?.appCode === "ALREADY_EXISTS" && details?.customerId ? { id: details.customerId, name: details.customerName ?? null } : undefined;
  const field = Object.keys(error.data?.fieldErrors ?? {})[0];
  return { message: error.message, field, holder };
}

export function CustomerForm({ mode, initial, saving, error, submitLabel, cancelHref, onSave }: {
  mode: "add" | "edit";
  initial: CustomerFields;
  saving: boolean;
  error: SaveError | null;
  submitLabel: string;
  cancelHref: string;
  onSave: (fields: CustomerFields) => void;
}) {
  const [fields, setFields] = useState(initial);
  const set = (key: keyof CustomerFields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim()])) as CustomerFields);
  };
  const errorFor = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <Card>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label="Name" error={errorFor("name")}>
          <Input name="name" value={fields.name} onChange={set("name")} required maxLength={200} autoComplete="off" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Email" hint={mode === "add" ? "An email or a phone number (or both)." : undefined} error={errorFor("email")}>
            <Input name="email" type="email" value={fields.email} onChange={set("email")} autoComplete="off" />
          </Field>
          <Field label="Phone" hint="With the country code, e.g. +1 555 010 2000." error={errorFor("phone")}>
            <Input name="phone" type="tel" value={fields.phone} onChange={set("phone")} autoComplete="off" />
          </Field>
        </div>
        {mode === "edit" && (
          <Field label="External id" hint="Your till's or shop's own id for this customer." error={errorFor("externalId")}>
            <Input name="externalId" value={fields.externalId} onChange={set("externalId")} autoComplete="off" />
          </Field>
        )}
        <Field label="Notes" hint="For staff only; never shown to the customer." error={errorFor("notes")}>
          <textarea name="notes" value={fields.notes} onChange={set("notes")} maxLength={1000} rows={3} className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600" />
        </Field>
        {mode === "add" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Opening points" hint="Optional: points they start with." error={errorFor("initialPoints")}>
              <Input name="initialPoints" inputMode="numeric" value={fields.initialPoints} onChange={set("initialPoints")} autoComplete="off" />
            </Field>
            <Field label="Reason for the opening points" hint="Shown in their history; “Welcome points” if left empty." error={errorFor("initialPointsReason")}>
              <Input name="initialPointsReason" value={fields.initialPointsReason} onChange={set("initialPointsReason")} maxLength={200} autoComplete="off" />
            </Field>
          </div>
        )}
        {error && !error.field && <SaveErrorNote error={error} />}
        <div className="flex gap-2">
          <Button type="submit" loading={saving}>{submitLabel}</Button>
          <Link href={cancelHref} className="inline-flex items-center rounded-lg px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">Cancel</Link>
        </div>
      </form>
    </Card>
  );
}

function SaveErrorNote({ error }: { error: SaveError }): ReactNode {
  return (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="save-error">
      {error.message}
      {error.holder && (
        <>
          {" "}
          <Link href={`/customers/${error.holder.id}`} className="font-medium underline">{error.holder.name ? `Open ${error.holder.name}` : "Open that customer"}</Link>
        </>
      )}
    </p>
  );
}
