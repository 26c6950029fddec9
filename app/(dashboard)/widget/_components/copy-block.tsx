"use client";
// Text to paste elsewhere (a script tag, a code snippet, a secret, an address) with a Copy
// button; if the clipboard is refused, the text stays selectable.
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

type Props = { label: string; text: string; testId?: string; multiline?: boolean; what?: string };

export function CopyBlock({ label, text, testId, multiline = false, what = "Copied" }: Props) {
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => toast.success(`${what} to the clipboard`),
      () => toast.error("Couldn't copy: select the text and copy it by hand"),
    );
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
      {multiline ? (
        <pre role="region" aria-label={label} tabIndex={0} className="keep-dark min-w-0 flex-1 overflow-x-auto rounded-lg bg-slate-900 ring-1 ring-white/15 ring-inset px-3 py-2 font-mono text-xs leading-relaxed text-slate-100" data-testid={testId}>
          {text}
        </pre>
      ) : (
        <code className="keep-dark min-w-0 flex-1 rounded-lg bg-slate-900 ring-1 ring-white/15 ring-inset px-3 py-2 font-mono text-xs break-all text-emerald-300" data-testid={testId}>
          {text}
        </code>
      )}
      <Button variant="secondary" size="sm" type="button" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`} className="shrink-0 self-start">
        Copy
      </Button>
    </div>
  );
}
