// How an emailed sign-in code is kept: its HMAC under a key derived from AUTH_SECRET for this
// business, bound to the customer. A plain hash of six digits would be reversed by trying the
// million codes; without the server's secret the table's rows are worth nothing.
import { createHmac, randomInt } from "node:crypto";
import { memberKey } from "./member-token";

export const MEMBER_CODE_LIFETIME_MS = 10 * 60 * 1000;
// Wrong tries before a code is void: 5 in a million, then a new code must be mailed (and those
// are rate limited), so guessing is hopeless.
export const MAX_CODE_ATTEMPTS = 5;
// Per customer and day, whatever the number of codes: at most 10 codes mailed and 20 wrong tries.
// Without these, asking for a new code every 5 tries gave 15 guesses a minute (2% a day of
// getting in) and 4,320 mails a day to one inbox; now a day gives 20 guesses in a million.
export const CODE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_CODES_PER_WINDOW = 10;
export const MAX_FAILURES_PER_WINDOW = 20;

export function newMemberCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export function hashMemberCode(publicId: string, customerId: string, code: string, authSecret?: string): string {
  return createHmac("sha256", memberKey("code", publicId, authSecret)).update(`${customerId}:${code}`).digest("base64url");
}
