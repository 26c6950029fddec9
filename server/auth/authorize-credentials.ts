// Checks an email and password for the Credentials provider. Emails are stored lower-cased, so
// the typed one is lower-cased too. The throttle is taken first, so a refused attempt costs no
// hashing; an unknown email still costs an argon2 verify with the same parameters, so response
// time doesn't reveal which emails have accounts. A hash from an older scheme (bcrypt) or older
// parameters is replaced at the first successful sign-in, while the password is at hand.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { hashPassword, passwordNeedsRehash, verifyPassword } from "./password";
import { signInSucceeded, takeSignInAttempt } from "./sign-in-throttle";

const credentials = z.object({
  email: z.string().trim().min(1).max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

// An argon2id hash of a random string nobody knows, made once per process with today's
// parameters: compared against when the email is unknown.
let dummyHash: Promise<string> | undefined;

export type SignedInUser = { id: string; email: string; name: string | null };

// Throws SignInThrottled (a CredentialsSignin) when the account or the address is locked out.
export async function authorizeCredentials(db: DbOrTx, input: unknown, clientAddress: string): Promise<SignedInUser | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await takeSignInAttempt(email, clientAddress);
  const user = await db.user.findUnique({ where: { email } });
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !valid) return null;
  await signInSucceeded(email, clientAddress);
  if (passwordNeedsRehash(user.passwordHash)) {
    // Only if unchanged since it was read: a password change in between wins.
    const passwordHash = await hashPassword(password);
    await db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  }
  return { id: user.id, email: user.email, name: user.name };
}
