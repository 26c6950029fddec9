"use client";
// A POOL reward's codes: a CSV file (read here in the browser, checked on the server by the
// API's own CSV reader) or codes pasted one per line. Codes already there are reported, not refused.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { useRewardsRefresh } from "./use-rewards-refresh";

export function UploadCodesDialog({ reward, onClose }: { reward: { id: string; title: string } | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRewardsRefresh();
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const close = () => (setFile(null), setPasted(""), setError(null), onClose());
  const upload = useMutation(
    trpc.rewards.uploadCoupons.mutationOptions({
      onSuccess: ({ added, duplicates }) => {
        const skipped = duplicates.length ? `; ${formatPoints(duplicates.length)} already there (${duplicates.slice(0, 3).join(", ")}${duplicates.length > 3 ? ", …" : ""})` : "";
        toast.success(`${formatPoints(added)} ${added === 1 ? "code" : "codes"} added${skipped}.`);
        close();
        void refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const submit = async () => {
    if (!reward) return;
    setError(null);
    if (file) return upload.mutate({ id: reward.id, csv: await file.text() });
    const codes = pasted.split(/[\s,;]+/).filter(Boolean);
    if (codes.length === 0) return setError("Choose a CSV file or paste at least one code.");
    upload.mutate({ id: reward.id, codes });
  };
  return (
    <ConfirmDialog
      open={reward !== null}
      title={`Upload codes for ${reward?.title ?? "this reward"}`}
      description="Each redemption hands out one of these codes. A CSV takes the column headed “code”, else the first column."
      confirmLabel="Upload codes"
      tone="primary"
      loading={upload.isPending}
      onCancel={close}
      onConfirm={() => void submit()}
    >
      <Field label="CSV file">
        <input type="file" accept=".csv,text/csv,text/plain" name="codes-file" className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setError(null))} />
      </Field>
      <Field label="Or paste codes" hint="One per line (or separated by commas or spaces).">
        <textarea name="codes" rows={4} value={pasted} disabled={file !== null} onChange={(e) => (setPasted(e.target.value), setError(null))} className={`${inputClass} w-full font-mono`} />
      </Field>
      {error && <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
    </ConfirmDialog>
  );
}
