// An owner's own coupon codes (from their e-commerce platform, printed vouchers) for a POOL
// reward: each redemption hands out one. Codes already in the business, or repeated in the
// upload, are reported back rather than refused, so an upload can be sent again safely.
import { parse } from "csv-parse/sync";
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { COUPON_CODE_PATTERN } from "./coupon-code";
import { findReward } from "./manage-rewards";
import { inRewardTransaction } from "./redemption-record";
import { MAX_COUPONS_PER_UPLOAD, uploadCouponsBody } from "./reward-schemas";

export type UploadResult = { added: number; duplicates: string[] };

// CSV to the JSON body's shape: one code per line, in the `code` column when a header names
// one, else the first column. A bad line is refused by its line number, nothing stored.
export function couponsFromCsv(text: string): { codes: string[] } {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch (error) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: the CSV can't be read (${(error as Error).message}).`);
  }
  const header = rows[0]?.map((cell) => cell.toLowerCase());
  const column = header?.includes("code") ? header.indexOf("code") : 0;
  const first = header?.includes("code") ? 1 : 0;
  if (rows.length - first > MAX_COUPONS_PER_UPLOAD) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: at most ${MAX_COUPONS_PER_UPLOAD.toLocaleString("en")} codes per upload.`);
  }
  const codes = rows.slice(first).map((row, i) => {
    const code = (row[column] ?? "").toUpperCase();
    if (!COUPON_CODE_PATTERN.test(code)) {
      throw new AppError("VALIDATION_ERROR", `Invalid request: line ${i + first + 1}: "${code.slice(0, 70)}" must be 3-64 letters, digits, dashes or underscores.`);
    }
    return code;
  });
  return { codes };
}

export async function uploadCoupons(db: DbOrTx, actor: Actor, input: { id: string; codes: string[] }): Promise<UploadResult> {
  const { codes } = uploadCouponsBody.parse({ codes: input.codes });
  const reward = await findReward(db, actor, input.id);
  if (reward.couponMode !== "POOL") {
    throw new AppError("CONFLICT", `"${reward.title}" hands out ${reward.couponMode === "NONE" ? "no codes" : "generated codes"}: set its couponMode to POOL first.`);
  }
  const unique = [...new Set(codes)];
  const repeated = codes.filter((code, i) => codes.indexOf(code) !== i);
  return inRewardTransaction(db, async (tx) => {
    const taken = await tx.rewardCoupon.findMany({ where: { businessId: actor.businessId, code: { in: unique } }, select: { code: true } });
    const existing = new Set(taken.map((c) => c.code));
    // skipDuplicates (ON CONFLICT DO NOTHING): a code another upload adds meanwhile is skipped, not a 500.
    const { count } = await tx.rewardCoupon.createMany({
      data: unique.filter((code) => !existing.has(code)).map((code) => ({ businessId: actor.businessId, rewardId: reward.id, code, status: "AVAILABLE" as const })),
      skipDuplicates: true,
    });
    const duplicates = [...new Set([...existing, ...repeated])];
    await recordAudit(tx, actor, { action: "reward.coupons_uploaded", targetType: "reward", targetId: reward.id, details: { added: count, duplicates: duplicates.length } });
    return { added: count, duplicates };
  });
}
