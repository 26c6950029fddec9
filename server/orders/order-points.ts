// What an order earns: the eligible amount and the points on it. Pure, so the rounding is
// unit-tested without a database (order-points.test.ts), and the docs' worked example is one of
// those tests.
//
// Eligible amount = the non-excluded line totals, less their share of the discount (the
// discount is spread over every line in proportion to its total, so excluded lines take their
// share too), plus shipping and tax when the program says they earn. The eligible share of the
// discount is rounded UP, so the eligible amount is rounded DOWN to the minor unit: an order
// never earns on a fraction of a cent it wasn't charged. Points follow the program's earn rule
// (earnPoints, as at the till): SPEND earns earnRate per whole currency unit of the eligible
// amount, rounded down; UNIT earns earnRate per non-excluded item.
import { AppError } from "../errors";
import { earnPoints, type EarnSettings } from "../pos/earn-points";

export type OrderSettings = EarnSettings & { orderEarnsOnShipping: boolean; orderEarnsOnTax: boolean };
export type OrderLine = { quantity: number; unitPrice: number; excluded: boolean };
export type OrderMoney = { subtotal: number; discount: number; shipping: number; tax: number };

export type LineShare = { lineTotal: number; eligibleAmount: number; points: number };
export type OrderPoints = { eligibleAmount: number; points: number; lines: LineShare[] };

// Rounds a / b up for non-negative integers (BigInt: exact however large the product).
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export function orderPoints(settings: OrderSettings, money: OrderMoney, lines: OrderLine[]): OrderPoints {
  const totals = lines.map((line) => line.quantity * line.unitPrice);
  const all = totals.reduce((sum, t) => sum + t, 0);
  if (all !== money.subtotal) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: subtotal (${money.subtotal}) must be the sum of the items' quantity × unitPrice (${all}).`);
  }
  if (money.discount > money.subtotal) {
    throw new AppError("VALIDATION_ERROR", "Invalid request: the discount can't be more than the subtotal.");
  }
  const eligibleLines = totals.reduce((sum, t, i) => (lines[i]!.excluded ? sum : sum + t), 0);
  const discountShare = all === 0 ? 0 : Number(ceilDiv(BigInt(money.discount) * BigInt(eligibleLines), BigInt(all)));
  const goods = eligibleLines - discountShare;
  const eligibleAmount = goods + (settings.orderEarnsOnShipping ? money.shipping : 0) + (settings.orderEarnsOnTax ? money.tax : 0);
  const points =
    settings.earnMode === "SPEND"
      ? earnPoints(settings, { amount: eligibleAmount })
      : earnPoints(settings, { units: lines.reduce((sum, l) => (l.excluded ? sum : sum + l.quantity), 0) });
  return { eligibleAmount, points, lines: shareOut(settings, lines, totals, goods, eligibleLines) };
}

// Each line's part of the goods' eligible amount and of their points, shared out by running
// totals so the parts add up exactly to the whole (a refund by items takes back a line's part).
function shareOut(settings: OrderSettings, lines: OrderLine[], totals: number[], goods: number, eligibleLines: number): LineShare[] {
  let runningTotal = 0n;
  let givenAmount = 0;
  let givenPoints = 0;
  return lines.map((line, i) => {
    const lineTotal = totals[i]!;
    if (line.excluded || eligibleLines === 0) return { lineTotal, eligibleAmount: 0, points: 0 };
    runningTotal += BigInt(lineTotal);
    const amountSoFar = Number((BigInt(goods) * runningTotal) / BigInt(eligibleLines));
    const pointsSoFar = settings.earnMode === "SPEND" ? Number((BigInt(amountSoFar) * BigInt(settings.earnRate)) / 100n) : givenPoints + line.quantity * settings.earnRate;
    const share = { lineTotal, eligibleAmount: amountSoFar - givenAmount, points: pointsSoFar - givenPoints };
    givenAmount = amountSoFar;
    givenPoints = pointsSoFar;
    return share;
  });
}

// The points a refund brings the order's taken-back total to: the order's points in proportion
// to the eligible amount refunded so far, rounded down, so partial refunds together never take
// more than the order earned and a full refund takes exactly that (also when nothing was
// eligible by amount: UNIT earning on a fully discounted order).
export function pointsToTakeBack(order: { points: number; eligibleAmount: number }, eligibleRefunded: number, full: boolean): number {
  if (full) return order.points;
  if (order.eligibleAmount === 0) return 0;
  return Number((BigInt(order.points) * BigInt(eligibleRefunded)) / BigInt(order.eligibleAmount));
}
