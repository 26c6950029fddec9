"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { safeNextPath } from "@/server/auth/safe-next-path";
import { SignInThrottled, SignInUnavailable } from "@/server/auth/sign-in-throttle";

export type LoginState = { error: string | null; email: string };

// next-auth answers a successful sign-in by throwing a redirect, which must propagate; only its
// own AuthError means the sign-in was refused. A throttled attempt says so (it is the same for
// known and unknown emails, so it reveals nothing about which accounts exist).
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const redirectTo = safeNextPath(form.get("next"));
  try {
    await signIn("credentials", { email, password, redirectTo });
    return { error: null, email };
  } catch (error) {
    if (error instanceof SignInThrottled) return { error: throttledMessage(error.retryAfterSeconds), email };
    if (error instanceof SignInUnavailable) return { error: "Signing in isn't possible for a moment; please try again in a few seconds.", email };
    if (error instanceof AuthError) return { error: "That email and password don't match an account.", email };
    throw error;
  }
}

function throttledMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many sign-in attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
