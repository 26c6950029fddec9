// Checks an email and password for the Credentials provider. Emails are stored lower-cased, so
// the typed one is lower-cased too. The throttle is taken first, so a refused attempt costs no
// hashing; an unknown email still costs an argon2 verify with the same parameters, so response
// time doesn't reveal which emails have accounts. A hash from an older scheme (bcrypt) or older
// parameters is replaced at the first successful sign-in, while the password is at hand.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { databaseUnavailability } from "../db/unavailable-error";
import { AppError } from "../errors";
import { hashPassword, passwordNeedsRehash, verifyPassword } from "./password";
import { SignInUnavailable, signInSucceeded, takeSignInAttempt } from "./sign-in-throttle";

const credentials = z.object({
  email: z.string().trim().min(1).max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

// An argon2id hash of a random string nobody knows, made once per process with today's
// parameters: compared against when the email is unknown.
let dummyHash: Promise<string> | undefined;

// sessionVersion from the same row the password was checked against: read again later, a
// password change committed in between would hand the old password's holder a current session.
export type SignedInUser = { id: string; email: string; name: string | null; sessionVersion: number };

// Throws SignInThrottled (a CredentialsSignin) when the account or the address is locked out,
// SignInUnavailable when the answer can't be known now (never "wrong password" for that).
export async function authorizeCredentials(db: DbOrTx, input: unknown, clientAddress: string): Promise<SignedInUser | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  try {
    // Inside: the throttle's counts are in the database too.
    await takeSignInAttempt(parsed.data.email, clientAddress);
    return await checkPassword(db, parsed.data, clientAddress);
  } catch (error) {
    const busy = error instanceof AppError && error.code === "SERVICE_UNAVAILABLE";
    if (busy || databaseUnavailability(error)) throw new SignInUnavailable();
    throw error;
  }
}

async function checkPassword(db: DbOrTx, { email, password }: z.output<typeof credentials>, clientAddress: string): Promise<SignedInUser | null> {
  const user = await db.user.findUnique({ where: { email } });
  // A failed attempt (the hash queue full) is not kept: the next sign-in makes it again.
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url")).catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !valid) return null;
  await signInSucceeded(email, clientAddress);
  if (passwordNeedsRehash(user.passwordHash)) {
    // Only if unchanged since it was read: a password change in between wins. Best effort: a
    // busy moment leaves the old hash for the next sign-in rather than refusing this one.
    await hashPassword(password)
      .then((passwordHash) => db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } }))
      .catch(() => {});
  }
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
