// The one rule for a password a person chooses (sign-up, invitation, reset, change): long
// enough to resist guessing, never silently cut short (a longer one is refused, not
// truncated), and not one of the passwords attackers try first.
// Server-side only: the common-password list is ~380 KB of module code, not for a browser bundle.
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

// zxcvbn-ts's list of ~49,000 most common passwords from public breach corpora (all lower
// case), kept up to date by a maintained package rather than a copy in this repository.
// Built on first use so importing the schema costs nothing until a password is checked.
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `the password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `the password must be at most ${PASSWORD_MAX} characters`)
  .refine((password) => !isCommonPassword(password), "the password is one of the most commonly used passwords; choose another");
