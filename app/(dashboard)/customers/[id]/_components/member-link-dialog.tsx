"use client";
// "Sign in on phone": a customer at the counter scans a QR code and lands on the member page,
// signed in (customers.memberLink). The link acts as the customer for 15 minutes, so it is made
// only when asked, shown only here, and its making is audited. The native <dialog> traps focus
// and closes on Escape, as ConfirmDialog does.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

// Long enough to scan and open, short enough that a photo of the screen is soon worthless.
const MINUTES = 15;

export function MemberLinkDialog({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const ref = useRef<HTMLDialogElement>(null);
  const link = useMutation(trpc.customers.memberLink.mutationOptions());
  const { mutate, reset } = link;
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      mutate({ id: customerId, expiresInMinutes: MINUTES, origin: window.location.origin });
    }
    if (!open && dialog.open) dialog.close();
    // A closed dialog forgets its link: the next opening makes a fresh one.
    if (!open) reset();
    setCopied(false);
  }, [open, customerId, mutate, reset]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="member-link-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-3 p-6">
        <h2 id="member-link-title" className="text-base font-semibold text-slate-900">
          Sign in on their phone
        </h2>
        <p className="text-sm text-slate-600">
          The customer scans this code to see their points and rewards on the member page, signed in. Whoever scans it can spend their points: show it to them only.
        </p>
        {link.isPending && <p className="text-sm text-slate-500" role="status">Making the code…</p>}
        {link.error && (
          <p className="text-sm text-red-700" role="alert">
            {link.error.message}
          </p>
        )}
        {link.data && (
          <div className="space-y-2 text-center">
            {/* SVG drawn on our server from our own link (qrcode): no user text in it. */}
            <div data-testid="member-link-qr" role="img" aria-label="QR code of the customer's sign-in link" className="mx-auto w-56 rounded-lg bg-white p-2 ring-1 ring-slate-200" dangerouslySetInnerHTML={{ __html: link.data.qrSvg }} />
            <p className="text-xs text-slate-500">Works until {formatDateTime(link.data.expiresAt)}, for this customer only. Or send them the link:</p>
            <input readOnly value={link.data.url} aria-label="Sign-in link" data-testid="member-link-url" className={`${inputClass} w-full font-mono text-xs`} onFocus={(e) => e.target.select()} />
          </div>
        )}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
        {link.data && (
          <Button variant="secondary" type="button" onClick={() => void navigator.clipboard?.writeText(link.data.url).then(() => setCopied(true))}>
            <span aria-live="polite">{copied ? "Copied" : "Copy link"}</span>
          </Button>
        )}
        <Button onClick={onClose} type="button">
          Done
        </Button>
      </div>
    </dialog>
  );
}
