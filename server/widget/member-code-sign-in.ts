// Step two: the emailed code (with its email) in, a member session out. Each check is one
// conditional UPDATE, so two requests racing with the same code can't both use it, and a wrong
// try always counts. Every refusal, an email that is no customer's included, is the same
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
  const live = { businessId: widget.businessId, customerId: customer.id, usedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS }, windowFailures: { lt: MAX_FAILURES_PER_WINDOW } };
  const used = await db.memberCode.updateMany({
    where: { ...live, expiresAt: { gt: now }, codeHash: hashMemberCode(widget.publicId, customer.id, input.code) },
    data: { usedAt: now },
  });
  if (used.count === 0) {
    await db.memberCode.updateMany({ where: live, data: { attempts: { increment: 1 }, windowFailures: { increment: 1 } } });
    throw refused();
  }
  return signMemberToken("session", widget.publicId, customer.id, { now });
}
