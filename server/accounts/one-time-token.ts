// Tokens for links handed to one person (invitations, password resets): 32 random bytes in the
// link, only their SHA-256 in the database, so a leaked table row can't be turned into a link.
import { createHash, randomBytes } from "node:crypto";
import { env } from "../env";

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// A password someone else will replace at once (demo owner, seeded e2e users): random, and
// long enough that nobody guesses it before it is changed. Never starting with "-": it is
// pasted into `--owner-password <value>`, where a leading dash reads as another option (1 in 64
// of them did, which failed CI).
export function randomPassword(): string {
  for (;;) {
    const password = randomBytes(15).toString("base64url");
    if (!password.startsWith("-")) return password;
  }
}

// Absolute, for emails; the portal shows the path and the browser adds its own origin.
export function absoluteLink(path: string): string {
  const base = env().APP_URL ?? `http://localhost:${env().PORT}`;
  return new URL(path, base).toString();
}
