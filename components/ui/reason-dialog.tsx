"use client";
// A confirmation that needs a reason (reversing an entry, cancelling a redemption): the reason
// is kept with the change, so confirming without one is refused with a toast.
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "./confirm-dialog";
import { Field, Input } from "./field";

type Props = {
  open: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  reasonLabel: string;
  placeholder: string;
  // The input's name (tests and password managers tell the dialogs apart by it).
  name: string;
  // The sentence shown when confirming without a reason.
  required: string;
  loading: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
};

export function ReasonDialog({ open, title, description, confirmLabel, reasonLabel, placeholder, name, required, loading, onCancel, onConfirm }: Props) {
  const [reason, setReason] = useState("");
  // A closed dialog forgets its reason (kept while open, so a refused confirm can be retried).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (!open) setReason("");
  }
  return (
    <ConfirmDialog
      open={open}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      loading={loading}
      onCancel={onCancel}
      onConfirm={() => (reason.trim() ? onConfirm(reason.trim()) : void toast.error(required))}
    >
      <Field label={reasonLabel}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={placeholder} maxLength={500} name={name} />
      </Field>
    </ConfirmDialog>
  );
}
