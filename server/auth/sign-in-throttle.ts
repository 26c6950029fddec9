// Sign-in throttling, per account (the typed email, known or not: an unknown email is
// throttled exactly like a known one, so the answer never tells them apart) and per client
// address. Every attempt is counted before any password hashing, so a refused attempt costs
// a few small queries, not a hash; a success clears the account's count. Past the limit the key is
// locked out, and each further lockout within a day doubles the last one.
// Counted in Postgres (server/rate-limits/shared-limiter.ts), like the API key limits, so the
// limits hold however sign-ins are spread over app processes and machines.
// From @auth/core, which next-auth re-exports it from: "next-auth" itself needs Next to load.
import { CredentialsSignin } from "@auth/core/errors";
import { env } from "../env";
import { limiterFor } from "../rate-limits/shared-limiter";

const MINUTE = 60;

type Rule = { attempts: number; windowSeconds: number; firstLockoutSeconds: number; maxLockoutSeconds: number };

// An account gets 5 tries per 15 minutes, then 15, 30, 60 ... minutes of lockout. The cap
// bounds how long someone who knows an email can keep its owner out (each lockout still
// lets only 5 guesses through).
export const ACCOUNT_RULE: Rule = { attempts: 5, windowSeconds: 15 * MINUTE, firstLockoutSeconds: 15 * MINUTE, maxLockoutSeconds: 4 * 60 * MINUTE };
// An address gets more (an office behind one NAT signs in many people), and covers an attacker
// who tries one password against many emails.
export const addressRule = (): Rule => ({ ...ACCOUNT_RULE, attempts: env().SIGN_IN_ATTEMPTS_PER_ADDRESS, maxLockoutSeconds: 24 * 60 * MINUTE });

// Auth.js passes a CredentialsSignin thrown by authorize() through to the login server action
// unchanged (and puts `code` in the URL for its own pages): the form reads retryAfterSeconds.
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

// Signing in can't be decided now (the database is unreachable or saturated, or too many
// passwords are being checked): the form says to try again rather than "wrong password".
export class SignInUnavailable extends CredentialsSignin {
  code = "unavailable";
}

function throttle(name: string, rule: () => Rule) {
  const state = () => {
    const r = rule();
    return {
      rule: r,
      attempts: limiterFor({ keyPrefix: `sign-in-${name}`, points: r.attempts, duration: r.windowSeconds }),
      lockouts: limiterFor({ keyPrefix: `lockouts-${name}`, points: 1_000_000, duration: 24 * 60 * MINUTE }),
    };
  };
  return {
    // Counts one attempt; answers 0 when it may go ahead, else the seconds to wait.
    async take(key: string): Promise<number> {
      const { rule: r, attempts, lockouts } = state();
      const current = await attempts.get(key);
      // get() can still return a record whose time is up (until its timer removes it): not a lockout.
      if (current && current.consumedPoints > r.attempts && current.msBeforeNext > 0) return Math.ceil(current.msBeforeNext / 1000);
      // penalty() counts without rejecting; an attempt over the limit starts a lockout.
      if ((await attempts.penalty(key, 1)).consumedPoints <= r.attempts) return 0;
      const count = (await lockouts.penalty(key, 1)).consumedPoints;
      const seconds = Math.min(r.firstLockoutSeconds * 2 ** (count - 1), r.maxLockoutSeconds);
      await attempts.block(key, seconds);
      return seconds;
    },
    async forget(key: string) {
      const { attempts, lockouts } = state();
      await Promise.all([attempts.delete(key), lockouts.delete(key)]);
    },
    // Gives back the attempt a success used, so signing in never counts against an address.
    async refund(key: string) {
      await state().attempts.reward(key, 1);
    },
  };
}

const byAccount = throttle("account", () => ACCOUNT_RULE);
const byAddress = throttle("address", addressRule);

// Throws SignInThrottled when the address or the account is locked out. A locked-out address
// doesn't count against the account: its refused attempts lock out no one else.
export async function takeSignInAttempt(email: string, address: string): Promise<void> {
  const wait = (await byAddress.take(address)) || (await byAccount.take(email));
  if (wait > 0) throw new SignInThrottled(wait);
}

export async function signInSucceeded(email: string, address: string): Promise<void> {
  await Promise.all([byAccount.forget(email), byAddress.refund(address)]);
}
