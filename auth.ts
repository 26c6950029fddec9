// next-auth v5: email + password sign-in, JWT sessions (no session table). The config is built
// lazily so that importing this file at build time never reads the secret or the database.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authorizeCredentials } from "@/server/auth/authorize-credentials";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { clientLimitKey } from "@/server/http/client-address";

// `interface`: module augmentation only merges interfaces.
declare module "next-auth" {
  interface Session {
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  // A refused sign-in (wrong password, throttled) is an answer, not a fault: Auth.js would log
  // each with a stack trace, which under a flood of wrong passwords is CPU and log volume.
  logger: {
    error(error: Error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth][error]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(db, credentials, clientLimitKey(request.headers)),
    }),
  ],
  callbacks: {
    // At sign-in the token takes the account's session version; server/auth/portal-session.ts
    // compares it with the database on every request, so bumping the version (password change,
    // reset, "sign out everywhere") ends every session issued before. Nothing else refreshes
    // it: an `update` from the browser must not revive an ended session.
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        // The version of the row authorize() checked the password against (not read again).
        const version = (user as { sessionVersion?: unknown }).sessionVersion;
        token.sv = typeof version === "number" ? version : -1;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = typeof token.sv === "number" ? token.sv : undefined;
      return session;
    },
  },
}));
