"use client";
// Shows an invitation or password reset link once, to copy and hand over: only its hash is
// stored, so closing the dialog is the last chance to see it.
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

// path is null for an invitation that was emailed: only its recipient gets that link.
export type ShownLink = { kind: "invitation" | "reset"; email: string; path: string | null; expiresAt: Date; emailed: boolean };

export function OneTimeLinkDialog({ link, onClose }: { link: ShownLink | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (link && !dialog.open) dialog.showModal();
    if (!link && dialog.open) dialog.close();
    setCopied(false);
  }, [link]);
  const url = link?.path ? `${window.location.origin}${link.path}` : "";
  const what = link?.kind === "reset" ? "password reset link" : "invitation link";
  return (
    <dialog
      ref={ref}
      onCancel={(e) => (e.preventDefault(), onClose())}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      aria-labelledby="one-time-link-title"
    >
      <div className="space-y-3 p-6">
        <h2 id="one-time-link-title" className="text-base font-semibold text-slate-900">
          {link?.kind === "reset" ? `Password reset link for ${link.email}` : `Invitation for ${link?.email ?? ""}`}
        </h2>
        {url ? (
          <>
            <p className="text-sm text-slate-600">
              {link?.emailed ? `We emailed it to ${link.email}. ` : ""}
              Give this {what} to them privately. It works once, until {link ? formatDateTime(link.expiresAt) : ""}, and is shown only now.
            </p>
            <input readOnly value={url} aria-label="One-time link" data-testid="one-time-link" className={`${inputClass} w-full font-mono text-xs`} onFocus={(e) => e.target.select()} />
          </>
        ) : (
          <p className="text-sm text-slate-600" data-testid="link-emailed">
            We emailed the {what} to {link?.email}. It works once, until {link ? formatDateTime(link.expiresAt) : ""}.
          </p>
        )}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
        {url && (
          <Button variant="secondary" type="button" onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}>
            {copied ? "Copied" : "Copy link"}
          </Button>
        )}
        <Button type="button" onClick={onClose}>
          Done
        </Button>
      </div>
    </dialog>
  );
}
