"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";

export type LoginState = { error: string | null; email: string };

// next-auth answers a successful sign-in by throwing a redirect, which must propagate; only its
// own AuthError means bad credentials.
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const next = String(form.get("next") ?? "");
  const redirectTo = next.startsWith("/") && !next.startsWith("//") ? next : "/customers";
  try {
    await signIn("credentials", { email, password, redirectTo });
    return { error: null, email };
  } catch (error) {
    if (error instanceof AuthError) return { error: "That email and password don't match an account.", email };
    throw error;
  }
}
