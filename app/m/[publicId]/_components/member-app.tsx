"use client";
import { createElement, useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmailSignIn } from "./email-sign-in";
import { MemberFrame } from "./member-frame";
import { clearSession, openSession, saveSession, type MemberState, type StoredSession } from "./member-session";
import { wordsFor, type MemberLocale } from "./member-words";

type Props = { publicId: string; businessName: string; emailSignIn: boolean; locale: MemberLocale };
type State = { phase: "starting" } | MemberState;

export function MemberApp({ publicId, businessName, emailSignIn, locale }: Props) {
  const [state, setState] = useState<State>({ phase: "starting" });
  const { t, refusal } = useMemo(() => wordsFor(locale), [locale]);

  const signedIn = useCallback(
    (session: StoredSession) => {
      saveSession(publicId, session);
      setState({ phase: "signed-in", session });
    },
    [publicId],
  );
  const signOut = useCallback(
    (notice: string | null) => {
      clearSession(publicId);
      setState({ phase: "signed-out", notice });
    },
    [publicId],
  );

  // Once, on opening: a link or store token in the fragment wins over a kept session.
  useEffect(() => {
    void openSession(publicId, refusal).then(setState);
  }, [publicId, refusal]);

  // The widget tells us when the API refused the session; its events bubble out of its shadow root.
  useEffect(() => {
    const expired = () => signOut(t("expired"));
    const invalid = () => signOut(t("invalid"));
    const wantsSignIn = (event: Event) => {
      event.preventDefault();
      document.getElementById("member-email")?.focus();
    };
    // Expired, or invalid (the customer erased, the server's secret changed): sign in again.
    document.addEventListener("loyalty:token-expired", expired);
    document.addEventListener("loyalty:token-invalid", invalid);
    document.addEventListener("loyalty:sign-in", wantsSignIn);
    return () => {
      document.removeEventListener("loyalty:token-expired", expired);
      document.removeEventListener("loyalty:token-invalid", invalid);
      document.removeEventListener("loyalty:sign-in", wantsSignIn);
    };
  }, [signOut, t]);

  const token = state.phase === "signed-in" ? state.session.token : undefined;
  // React 19 sets string props on a custom element as attributes; no token: the visitor view.
  const widget = createElement("loyalty-widget", { mode: "page", business: publicId, "customer-token": token, locale, class: "block" });

  return (
    <MemberFrame
      title={businessName}
      lang={locale}
      subtitle={t("rewards")}
      action={
        state.phase === "signed-in" ? (
          <Button variant="secondary" size="sm" className="shrink-0 whitespace-nowrap" onClick={() => signOut(t("signedOut"))}>
            {t("signOut")}
          </Button>
        ) : undefined
      }
    >
      {state.phase === "signed-out" && (
        <section aria-labelledby="member-sign-in" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          <h2 id="member-sign-in" className="text-base font-semibold text-slate-900">
            {t("signInTitle")}
          </h2>
          {state.notice && (
            <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="member-notice">
              {state.notice}
            </p>
          )}
          {emailSignIn ? (
            <EmailSignIn publicId={publicId} onSignedIn={signedIn} locale={locale} />
          ) : (
            <p className="mt-3 text-sm text-slate-600" data-testid="email-unavailable">
              {t("emailUnavailable")}
            </p>
          )}
        </section>
      )}
      {state.phase !== "starting" && <div className="overflow-hidden rounded-2xl">{widget}</div>}
    </MemberFrame>
  );
}
