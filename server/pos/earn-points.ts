// How many points a checkin earns under the business's earn settings. Pure, so the rounding
// rules are unit-tested without a database.
import { AppError } from "../errors";
import { MAX_POINTS_PER_OPERATION } from "../ledger/ledger-schemas";

export type EarnSettings = { earnMode: "SPEND" | "UNIT"; earnRate: number };
export type Purchase = { amount?: number; units?: number };

// SPEND: earnRate points per whole currency unit, rounded down, so a spend never earns a
// fraction the till can't show; amounts are minor units, hence the /100. BigInt keeps the
// product exact however large the till's amount is. UNIT: earnRate per unit, one unit (a visit)
// when the till doesn't say.
export function earnPoints(settings: EarnSettings, purchase: Purchase): number {
  const points = settings.earnMode === "SPEND" ? spendPoints(settings.earnRate, purchase) : unitPoints(settings.earnRate, purchase);
  if (points > MAX_POINTS_PER_OPERATION) {
    throw new AppError(
      "VALIDATION_ERROR",
      `Invalid request: this checkin would earn ${points.toLocaleString("en")} points, more than one operation may award (${MAX_POINTS_PER_OPERATION.toLocaleString("en")}).`,
    );
  }
  return points;
}

function spendPoints(earnRate: number, { amount, units }: Purchase): number {
  if (units !== undefined || amount === undefined) {
    throw new AppError("VALIDATION_ERROR", "Invalid request: this business earns points on spend; send amount (the spend in minor currency units, e.g. cents), not units.");
  }
  return Number((BigInt(amount) * BigInt(earnRate)) / 100n);
}

function unitPoints(earnRate: number, { amount, units }: Purchase): number {
  if (amount !== undefined) {
    throw new AppError("VALIDATION_ERROR", "Invalid request: this business earns points per unit; send units (e.g. items or visits), not amount.");
  }
  return Number(BigInt(units ?? 1) * BigInt(earnRate));
}
