// Coupon codes a store turns into a discount: read aloud, typed at a till, printed on a
// receipt. Crockford's base32 alphabet (no I, L, O, U: nothing to confuse with 1, 0 or V), 10
// characters from the system's CSPRNG: 50 bits, so guessing one valid code among a million
// issued takes about a billion tries. The unique index on (business_id, code) settles the
// rare clash; the caller draws again.
import { randomInt } from "node:crypto";

export const COUPON_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const COUPON_LENGTH = 10;

// An owner's prefix ("SUMMER-") plus the random part, upper-cased like every stored code.
export function generateCouponCode(prefix?: string | null): string {
  let code = "";
  for (let i = 0; i < COUPON_LENGTH; i++) code += COUPON_ALPHABET[randomInt(COUPON_ALPHABET.length)];
  return `${(prefix ?? "").toUpperCase()}${code}`;
}

// What a coupon code may be, uploaded or typed: letters, digits, dashes and underscores.
export const COUPON_CODE_PATTERN = /^[A-Z0-9_-]{3,64}$/;

// Codes are compared upper-cased and trimmed, whatever the till sends.
export const normalizeCouponCode = (code: string): string => code.trim().toUpperCase();
