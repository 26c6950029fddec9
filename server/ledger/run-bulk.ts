// Many ledger movements in one request, for back offices replaying a day of sales. Each item
// stands alone: its own validation, its own idempotency key, its own success or failure, so
// one bad row never costs the other 999. Items naming the same customer run in the order
// listed (an award then a redeem behaves as written); different customers run side by side.
import { z, ZodError } from "zod";
import { normalizeEmail, normalizePhone } from "../customers/normalize-identity";
import type { DbOrTx } from "../db/client";
import { toAppError, type ErrorCode } from "../errors";
import { rejectUnknownKeys } from "../reject-unknown-keys";
import { withStaffName, type Actor } from "../actors/actor";
import { adjustPoints } from "./adjust-points";
import { ledgerBody, type LedgerResult } from "./ledger-result";
import { awardPoints } from "./award-points";
import { adjustInput, awardInput, redeemInput, staffNameSchema } from "./ledger-schemas";
import { redeemPoints } from "./redeem-points";
import { logger } from "../observability/logger";

export const MAX_BULK_OPERATIONS = 1_000;
// Enough to keep the pool busy without one bulk request taking every connection from tills.
const CONCURRENCY = 8;

export const bulkInput = z.object({
  operations: z
    .array(z.unknown())
    .min(1, "must list at least one operation")
    .max(MAX_BULK_OPERATIONS, `must list at most ${MAX_BULK_OPERATIONS.toLocaleString("en")} operations; split larger batches`),
});

// Only the envelope is checked up front; each item's own schema runs when the item does.
const itemEnvelope = {
  type: z.enum(["award", "redeem", "adjust"], "must be award, redeem or adjust"),
  staff: staffNameSchema.optional(),
};
const bulkItem = z.looseObject(itemEnvelope);
// What an item of each type may hold: the body of its own endpoint, plus type and staff.
const itemFields = {
  award: z.object(itemEnvelope).and(awardInput),
  redeem: z.object(itemEnvelope).and(redeemInput),
  adjust: z.object(itemEnvelope).and(adjustInput),
};

export type BulkItemResult =
  | { index: number; success: true; replayed: boolean; data: unknown }
  | { index: number; success: false; error: string; code: ErrorCode };
export type BulkResult = { processed: number; failed: number; results: BulkItemResult[] };

export async function runBulk(db: DbOrTx, actor: Actor, input: z.input<typeof bulkInput>): Promise<BulkResult> {
  const { operations } = bulkInput.parse(input);
  const results = new Array<BulkItemResult>(operations.length);
  const customerQueues = new Map<string, Promise<unknown>>();
  let next = 0;
  const worker = async () => {
    while (next < operations.length) {
      const index = next++;
      const item = operations[index];
      // Wait for the previous item on this customer; its failure is its own, not ours.
      const key = customerKey(item, index);
      const previous = customerQueues.get(key) ?? Promise.resolve();
      const run = previous.then(() => runItem(db, actor, item));
      customerQueues.set(key, run.catch(() => undefined));
      results[index] = await run.then(
        (result): BulkItemResult => ({ index, success: true, replayed: result.replay, data: ledgerBody(result) }),
        (error: unknown): BulkItemResult => ({ index, success: false, ...describeFailure(error) }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, operations.length) }, worker));
  const failed = results.filter((r) => !r.success).length;
  return { processed: results.length - failed, failed, results };
}

async function runItem(db: DbOrTx, actor: Actor, raw: unknown): Promise<LedgerResult> {
  const item = bulkItem.parse(raw);
  rejectUnknownKeys(item, itemFields[item.type], "field");
  const itemActor = withStaffName(actor, item.staff);
  // The same schemas as the single-operation endpoints (`type` and `staff` are dropped),
  // and the same body they answer, so a replayed item's data is exactly the original's.
  if (item.type === "award") return awardPoints(db, itemActor, awardInput.parse(item));
  if (item.type === "redeem") return redeemPoints(db, itemActor, redeemInput.parse(item));
  return adjustPoints(db, itemActor, adjustInput.parse(item));
}

// A best-effort identity for ordering, before the customer is looked up. Different spellings of
// one customer (id in one row, email in another) may still run side by side; the ledger's row
// lock keeps them correct, only their order is then not guaranteed.
function customerKey(raw: unknown, index: number): string {
  const ref = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : undefined);
  const email = text(ref.customerEmail);
  const phone = text(ref.customerPhone);
  if (text(ref.customerId)) return `id:${text(ref.customerId)!.toLowerCase()}`;
  if (email) return `email:${normalizeEmail(email)}`;
  if (phone) return `phone:${normalizePhone(phone) ?? phone}`;
  if (text(ref.externalId)) return `external:${text(ref.externalId)}`;
  return `item:${index}`;
}

function describeFailure(error: unknown): { error: string; code: ErrorCode } {
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return { error: `Invalid operation: ${where}${first?.message ?? "not a valid operation"}.`, code: "VALIDATION_ERROR" };
  }
  const appError = toAppError(error);
  // Internals never reach the client, but they must reach the logs.
  if (appError.code === "INTERNAL") logger().error({ err: error }, "bulk: an item failed");
  return { error: appError.message, code: appError.code };
}
