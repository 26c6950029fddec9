// The one rule for a password a person chooses (sign-up, invitation, reset, change): long
// enough to resist guessing, never silently cut short (a longer one is refused, not
// truncated), and not one of the passwords attackers try first.
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `the password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `the password must be at most ${PASSWORD_MAX} characters`);
