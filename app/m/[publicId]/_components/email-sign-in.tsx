"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { postWidget } from "./member-session";
import type { StoredSession } from "./member-session";
import { wordsFor, type MemberLocale } from "./member-words";

// Email, then the 6-digit code mailed to it, then signed in.
export function EmailSignIn({ publicId, onSignedIn, locale }: { publicId: string; onSignedIn: (session: StoredSession) => void; locale: MemberLocale }) {
  const { t, refusal } = wordsFor(locale);
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
    if (!answer.ok) return setError(refusal(answer));
    setSent(t("codeSent"));
  }

  async function checkCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await postWidget(publicId, "member/session", { email, code });
    setBusy(false);
    if (!answer.ok) return setError(refusal(answer));
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
        <Field label={t("email")} hint={t("emailHint")}>
          <Input id="member-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        {problem}
        <Button type="submit" loading={busy} className="w-full">
          {t("sendCode")}
        </Button>
      </form>
    );
  }
  return (
    <form onSubmit={checkCode} className="mt-4 space-y-4">
      <p className="text-sm text-slate-600" role="status">
        {sent}
      </p>
      <Field label={t("code")} hint={t("sentTo", { email })}>
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
          {t("signIn")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => (setSent(null), setCode(""), setError(null))}>
          {t("otherEmail")}
        </Button>
      </div>
    </form>
  );
}
