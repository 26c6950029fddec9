// A till: check a purchase in by the customer's phone, show their balance, and redeem the best
// reward they can afford. Run against `npm start`:
//   LOYALTY_API_KEY=ll_live_... npx tsx sdk/examples/till.ts
import { LoyaltyLedger, LoyaltyLedgerError } from "../src/index.js";
import { runIfMain, type ExampleEnv } from "./run-example.js";

export type TillOptions = ExampleEnv & { phone?: string; amount?: number; receipt?: string; log?: (line: string) => void };

export async function main(options: TillOptions) {
  const log = options.log ?? console.log;
  const ll = new LoyaltyLedger({ apiKey: options.apiKey, baseUrl: options.baseUrl });
  const phone = options.phone ?? "+1 555 010 2000";

  // The cashier rings up the sale (minor units: 42.50) and types the customer's phone. The
  // receipt number is the idempotency key: the SDK's own retries resend it, and so does the
  // cashier pressing the button again after the till lost its connection. Points land once.
  const receipt = options.receipt ?? `receipt-${Date.now()}`;
  const checkin = await ll.post("/pos/checkin", { body: { phone, amount: options.amount ?? 4250, staff: "Sam", idempotencyKey: receipt } });
  log(`+${checkin.pointsAwarded} points${checkin.customerCreated ? " (new member)" : ""}; balance ${checkin.totalPoints}`);

  const balance = await ll.get("/pos/balance/{phoneOrId}", { params: { path: { phoneOrId: phone } } });
  log(`Balance ${balance.balance}${balance.rewardAvailable ? ", a reward is available" : ""}`);

  // The rewards this customer can redeem right now, every page of them; take the dearest.
  let best: { id: string; title: string; pointsCost: number } | undefined;
  for await (const reward of ll.paginate("/rewards", { params: { query: { customerId: checkin.customerId } } })) {
    if (!best || reward.pointsCost > best.pointsCost) best = reward;
  }
  if (!best) {
    log("No reward within reach yet.");
    return { checkin, balance, redemption: null };
  }
  try {
    const redemption = await ll.post("/pos/redeem", { body: { phone, rewardId: best.id, staff: "Sam" } });
    log(`Redeemed ${redemption.rewardTitle} for ${redemption.pointsRedeemed} points${redemption.couponCode ? `: code ${redemption.couponCode}` : ""}`);
    return { checkin, balance, redemption };
  } catch (error) {
    // Someone else took the last one, or the balance moved: the till says so and carries on.
    if (error instanceof LoyaltyLedgerError && ["OUT_OF_STOCK", "INSUFFICIENT_POINTS", "LIMIT_REACHED"].includes(error.code)) {
      log(`Not redeemed: ${error.message}`);
      return { checkin, balance, redemption: null };
    }
    throw error;
  }
}

runIfMain(import.meta.url, main);
