// Step one of signing in on the member page: an email in, a 6-digit code out to that address
// if it belongs to a customer. The answer is the same either way (nobody learns who is a
// member); only the mail differs. Limited per email and per client address, so the page can't
// be used to flood someone's inbox or to hunt for members.
import { findCustomer } from "../customers/resolve-customer";
import { normalizeEmail } from "../customers/normalize-identity";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { mailConfigured, sendMail, type Mail } from "../mail/send-mail";
import { logger } from "../observability/logger";
import { consumeLimit } from "../rate-limits/consume-limit";
import type { Widget } from "./find-widget";
import { CODE_WINDOW_MS, hashMemberCode, MAX_CODES_PER_WINDOW, MAX_FAILURES_PER_WINDOW, MEMBER_CODE_LIFETIME_MS, newMemberCode } from "./member-code-hash";
import { widgetLimitKey } from "./widget-rate-limit";

// Codes mailed per minute to one address, and asked for per minute by one client.
export const CODES_PER_EMAIL_PER_MINUTE = 3;
export const CODES_PER_CLIENT_PER_MINUTE = 10;

export type MemberCodeRequest = { email: string; clientKey: string; send?: (mail: Mail) => Promise<boolean>; now?: Date };

export const CODE_REQUESTED = { message: "If this email belongs to a member, a sign-in code is on its way. It is valid for 10 minutes." };

export async function requestMemberCode(db: DbOrTx, widget: Widget, input: MemberCodeRequest): Promise<typeof CODE_REQUESTED> {
  if (!mailConfigured()) throw new AppError("EMAIL_SIGN_IN_UNAVAILABLE", "Signing in by email is not available here; ask the shop for a sign-in link.");
  const email = normalizeEmail(input.email);
  await codeLimit(widgetLimitKey(widget.businessId, `client:${input.clientKey}`), CODES_PER_CLIENT_PER_MINUTE);
  await codeLimit(widgetLimitKey(widget.businessId, `email:${email}`), CODES_PER_EMAIL_PER_MINUTE);
  const customer = await findCustomer(db, widget.businessId, { customerEmail: email });
  // The member's part runs after the answer: a reply that waited for it (two queries, a write
  // and the mail server) only when the email is a member's would tell members apart by its time.
  if (customer) {
    void issueMemberCode(db, widget, { customerId: customer.id, email, send: input.send, now: input.now }).catch((error: unknown) =>
      logger().error({ err: error, businessId: widget.businessId }, "member sign-in code not issued"),
    );
  }
  return CODE_REQUESTED;
}

// Makes and mails a customer's code, within the day's allowance; false when past it (no mail).
export async function issueMemberCode(db: DbOrTx, widget: Widget, input: { customerId: string; email: string; send?: (mail: Mail) => Promise<boolean>; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const windowGone = new Date(now.getTime() - CODE_WINDOW_MS);
  const code = newMemberCode();
  const hash = hashMemberCode(widget.publicId, input.customerId, code);
  // One live code per customer: asking again replaces the last one, in one statement that locks
  // the row, so requests at the same moment can't each read the same day's counts and all pass.
  // A day since the window opened starts a new one; within it, past the day's codes or wrong
  // tries, nothing is replaced (no row comes back) and nothing is mailed.
  const issued = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO member_codes (business_id, customer_id, code_hash, attempts, expires_at, created_at, window_started_at, window_codes, window_failures)
    VALUES (${widget.businessId}::uuid, ${input.customerId}::uuid, ${hash}, 0, ${new Date(now.getTime() + MEMBER_CODE_LIFETIME_MS)}::timestamptz, ${now}::timestamptz, ${now}::timestamptz, 1, 0)
    ON CONFLICT (business_id, customer_id) DO UPDATE SET
      code_hash = EXCLUDED.code_hash, attempts = 0, used_at = NULL, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at,
      window_started_at = CASE WHEN member_codes.window_started_at <= ${windowGone}::timestamptz THEN EXCLUDED.window_started_at ELSE member_codes.window_started_at END,
      window_codes = CASE WHEN member_codes.window_started_at <= ${windowGone}::timestamptz THEN 1 ELSE member_codes.window_codes + 1 END,
      window_failures = CASE WHEN member_codes.window_started_at <= ${windowGone}::timestamptz THEN 0 ELSE member_codes.window_failures END
    WHERE member_codes.window_started_at <= ${windowGone}::timestamptz OR (member_codes.window_codes < ${MAX_CODES_PER_WINDOW} AND member_codes.window_failures < ${MAX_FAILURES_PER_WINDOW})
    RETURNING id`;
  if (issued.length === 0) return false;
  const business = await db.business.findUniqueOrThrow({ where: { id: widget.businessId }, select: { name: true } });
  // The code stays out of the subject, which phones show on a locked screen.
  return (input.send ?? sendMail)({
    to: input.email,
    subject: `Your sign-in code for ${business.name}`,
    text: `Your code to sign in to ${business.name}'s rewards is ${code}.\n\nIt is valid for 10 minutes and works once. If you did not ask for it, ignore this email.\n`,
  });
}

function codeLimit(key: string, limit: number) {
  return consumeLimit({ prefix: "member-code", ceiling: CODES_PER_CLIENT_PER_MINUTE, key, limit, refusal: (retry) => `Too many sign-in codes asked for; retry in ${retry} s.` });
}
