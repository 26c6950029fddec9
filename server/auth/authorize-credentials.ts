// Checks an email and password for the Credentials provider. Emails are stored lower-cased, so
// the typed one is lower-cased too; an unknown email still costs a bcrypt compare, so response
// time doesn't reveal which emails have accounts.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { verifyPassword } from "./password";

const credentials = z.object({
  email: z.string().trim().min(1).max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});

// A valid bcrypt hash of a random string: compared against when the email is unknown.
const DUMMY_HASH = "$2b$12$HPJfMh96wP8Y/bcIg55rx.FYvp.FkoKlkzhNUQ0g9mF5PjwqOogwS";

export type SignedInUser = { id: string; email: string; name: string | null };

export async function authorizeCredentials(db: DbOrTx, input: unknown): Promise<SignedInUser | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) return null;
  return { id: user.id, email: user.email, name: user.name };
}
