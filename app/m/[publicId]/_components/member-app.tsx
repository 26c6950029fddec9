"use client";
import { createElement, useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmailSignIn } from "./email-sign-in";
import { MemberFrame } from "./member-frame";
import { clearSession, openSession, saveSession, type MemberState, type StoredSession } from "./member-session";

type Props = { publicId: string; businessName: string; emailSignIn: boolean };
type State = { phase: "starting" } | MemberState;

export function MemberApp({ publicId, businessName, emailSignIn }: Props) {
  const [state, setState] = useState<State>({ phase: "starting" });

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
    void openSession(publicId).then(setState);
  }, [publicId]);

  // The widget tells us when the API refused the session; its events bubble out of its shadow root.
  useEffect(() => {
    const expired = () => signOut("Your sign-in has expired. Please sign in again.");
    const invalid = () => signOut("Your sign-in is no longer valid. Please sign in again.");
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
  }, [signOut]);

  const token = state.phase === "signed-in" ? state.session.token : undefined;
  // React 19 sets string props on a custom element as attributes; no token: the visitor view.
  const widget = createElement("loyalty-widget", { mode: "page", business: publicId, "customer-token": token, class: "block" });

  return (
    <MemberFrame
      title={businessName}
      subtitle="Rewards"
      action={
        state.phase === "signed-in" ? (
          <Button variant="secondary" size="sm" className="shrink-0 whitespace-nowrap" onClick={() => signOut("You are signed out.")}>
            Sign out
          </Button>
        ) : undefined
      }
    >
      {state.phase === "signed-out" && (
        <section aria-labelledby="member-sign-in" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          <h2 id="member-sign-in" className="text-base font-semibold text-slate-900">
            Sign in to see your points
          </h2>
          {state.notice && (
            <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="member-notice">
              {state.notice}
            </p>
          )}
          {emailSignIn ? (
            <EmailSignIn publicId={publicId} onSignedIn={signedIn} />
          ) : (
            <p className="mt-3 text-sm text-slate-600" data-testid="email-unavailable">
              Signing in by email is not available for this shop. Ask the shop for a sign-in link: they can make one for you at the till.
            </p>
          )}
        </section>
      )}
      {state.phase !== "starting" && <div className="overflow-hidden rounded-2xl">{widget}</div>}
    </MemberFrame>
  );
}
