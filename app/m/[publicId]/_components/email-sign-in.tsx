"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { postWidget } from "./member-session";
import type { StoredSession } from "./member-session";

// Email, then the 6-digit code mailed to it, then signed in.
export function EmailSignIn({ publicId, onSignedIn }: { publicId: string; onSignedIn: (session: StoredSession) => void }) {
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function askCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await postWidget(publicId, "member/code", { email });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setSent(String(answer.data.message ?? "A code is on its way."));
  }

  async function checkCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await postWidget(publicId, "member/session", { email, code });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    onSignedIn({ token: String(answer.data.token), expiresAt: String(answer.data.expiresAt) });
  }

  const problem = error && (
    <p role="alert" className="text-sm text-red-600">
      {error}
    </p>
  );

  if (sent === null) {
    return (
      <form onSubmit={askCode} className="mt-4 space-y-4">
        <Field label="Email" hint="We email you a code to sign in; no password needed.">
          <Input id="member-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        {problem}
        <Button type="submit" loading={busy} className="w-full">
          Email me a code
        </Button>
      </form>
    );
  }
  return (
    <form onSubmit={checkCode} className="mt-4 space-y-4">
      <p className="text-sm text-slate-600" role="status">
        {sent}
      </p>
      <Field label="Code from the email" hint={`Sent to ${email}.`}>
        <Input
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
        />
      </Field>
      {problem}
      <div className="flex flex-col gap-2 sm:flex-row-reverse">
        <Button type="submit" loading={busy} className="sm:flex-1">
          Sign in
        </Button>
        <Button type="button" variant="secondary" onClick={() => (setSent(null), setCode(""), setError(null))}>
          Use another email
        </Button>
      </div>
    </form>
  );
}
