"use client";
// A signing secret on screen: shown once after creating or rotating, or on an audited reveal.
// Nothing keeps it in the page's state longer than the box or dialog is open.
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

export function SecretBox({ secret }: { secret: string }) {
  const copy = () =>
    navigator.clipboard
      .writeText(secret)
      .then(() => toast.success("Secret copied to the clipboard"), () => toast.error("Couldn't copy: select the secret and copy it by hand"));
  return (
    <div className="flex flex-col gap-2 sm:flex-row">
      <code className="keep-dark flex-1 break-all rounded-lg bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300" data-testid="webhook-secret">
        {secret}
      </code>
      <Button variant="secondary" type="button" onClick={() => void copy()}>
        Copy
      </Button>
    </div>
  );
}

export type ShownSecret = { title: string; note: string; secret: string };

export function SecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (shown && !dialog.open) dialog.showModal();
    if (!shown && dialog.open) dialog.close();
  }, [shown]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => (e.preventDefault(), onClose())}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      aria-labelledby="secret-dialog-title"
    >
      {shown && (
        <div className="space-y-3 p-6">
          <h2 id="secret-dialog-title" className="text-base font-semibold text-slate-900">
            {shown.title}
          </h2>
          <p className="text-sm text-slate-600">{shown.note}</p>
          <SecretBox secret={shown.secret} />
        </div>
      )}
      <div className="flex justify-end border-t border-slate-100 bg-slate-50 px-6 py-3">
        <Button type="button" onClick={onClose}>
          Done
        </Button>
      </div>
    </dialog>
  );
}
