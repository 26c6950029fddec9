// Step two: the emailed code (with its email) in, a member session out. Each try is one
// conditional UPDATE, so two requests racing with the same code can't both use it, and a wrong
// try always counts, against the code and against the customer's day (member-code-hash.ts). Every refusal, an email that is no customer's included, is the same
// MEMBER_CODE_INVALID: the answer tells nobody whether the email is a member's.
import { findCustomer } from "../customers/resolve-customer";
import { normalizeEmail } from "../customers/normalize-identity";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Widget } from "./find-widget";
import { hashMemberCode, MAX_CODE_ATTEMPTS, MAX_FAILURES_PER_WINDOW } from "./member-code-hash";
import { signMemberToken } from "./member-token";

const refused = () => new AppError("MEMBER_CODE_INVALID", "That code is wrong or no longer valid. Check it, or ask for a new code.");

export async function signInWithMemberCode(db: DbOrTx, widget: Widget, input: { email: string; code: string }, now: Date = new Date()) {
  const customer = await findCustomer(db, widget.businessId, { customerEmail: normalizeEmail(input.email) });
  if (!customer) throw refused();
  const hash = hashMemberCode(widget.publicId, customer.id, input.code);
  // One statement, right or wrong: it always locks the live code's row, so guesses sent at once
  // wait their turn and each sees the tries counted before it (in two statements, a wrong guess
  // touched no row and all of a burst were checked against the same count).
  const rows = await db.$queryRaw<{ ok: boolean }[]>`
    UPDATE member_codes
    SET used_at = CASE WHEN code_hash = ${hash} THEN ${now}::timestamptz ELSE NULL END,
        attempts = attempts + CASE WHEN code_hash = ${hash} THEN 0 ELSE 1 END,
        window_failures = window_failures + CASE WHEN code_hash = ${hash} THEN 0 ELSE 1 END
    WHERE business_id = ${widget.businessId}::uuid AND customer_id = ${customer.id}::uuid
      AND used_at IS NULL AND expires_at > ${now}::timestamptz AND attempts < ${MAX_CODE_ATTEMPTS} AND window_failures < ${MAX_FAILURES_PER_WINDOW}
    RETURNING used_at IS NOT NULL AS ok`;
  if (!rows[0]?.ok) throw refused();
  return signMemberToken("session", widget.publicId, customer.id, { now });
}
