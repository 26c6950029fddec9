// Writes the demo timeline (demo-timeline.ts) in order through the domain functions the API and
// the portal use, so balances, lots, tiers, coupons and idempotency are the ledger's own. It all
// happens now; what each write stands for in the story is recorded (entry id -> intended time,
// customer id -> enrolment) for backdate-demo-history.ts to move the rows there afterwards.
//
// Expiry: the ledger compares a lot's expires_at with the real now(), so a welcome bonus is
// written to expire at its intended moment + shiftMs (the gap between the window's start and
// now: always ahead), and at that moment of the story the ledger's own expire op takes it out,
// `before` that shifted time. Its EXPIRE entry so lands in its place among the customer's
// entries, and no lot ever looks due early. The backdating subtracts shiftMs again.
import type { Actor } from "../actors/actor";
import { jobActor } from "../actors/actor";
import { updateCustomer } from "../customers/update-customer";
import type { Db } from "../db/client";
import { adjustPoints, awardPoints, expirePoints, redeemPoints, reverseEntry } from "../ledger";
import { redeemReward } from "../rewards/redeem-reward";
import type { DemoEvent, DemoTimeline, Store } from "./demo-timeline";

export type DemoStamps = {
  entries: { id: string; at: Date; shifted: boolean }[];
  customers: Map<string, Date>;
  blocks: { customerId: string; at: Date }[];
};

export type DemoWriters = { staff: Actor; tills: Record<Store, Actor>; rewards: { coffee: string; beans: string } };

// Customers are written side by side, a few at a time, each one's events strictly in order: the
// ledger orders only a customer's own entries, and a seed that waited for every write in turn
// made the first start several times slower.
const WRITERS = 4;

export async function writeDemoTimeline(db: Db, writers: DemoWriters, timeline: DemoTimeline, window: { start: Date; shiftMs: number }): Promise<DemoStamps> {
  const stamps: DemoStamps = { entries: [], customers: new Map(), blocks: [] };
  const chains = new Map<number, { event: DemoEvent; key: string }[]>();
  timeline.events.forEach((event, i) => chains.set(event.person, [...(chains.get(event.person) ?? []), { event, key: `demo-${event.kind}-${i}` }]));
  const queue = [...chains.values()];
  const moment = (ms: number) => new Date(window.start.getTime() + ms);
  const writeChain = async (chain: { event: DemoEvent; key: string }[]) => {
    let customerId = "";
    let mistake: string | null = null;
    for (const { event, key } of chain) {
      const at = moment(event.at);
      const person = timeline.people[event.person]!;
      const customerEmail = person.email;
      const entry = (id: string | null | undefined, shifted = false) => id && stamps.entries.push({ id, at, shifted });
      if (event.kind === "welcome") {
        const result = await awardPoints(db, writers.tills.MAIN, {
          customerEmail, customerName: person.name, customerPhone: person.phone ?? undefined, amount: event.amount, skipMultiplier: true,
          expiresAt: moment(event.expiresAt + window.shiftMs), description: "Welcome bonus (spend within 30 days)", idempotencyKey: key,
        });
        customerId = result.transaction.customerId;
        stamps.customers.set(customerId, at);
        entry(result.transaction.id, true);
      } else if (event.kind === "award" || event.kind === "mistake") {
        const result = await awardPoints(db, writers.tills[event.kind === "award" ? event.store : "MAIN"], {
          customerEmail, amount: event.amount, description: event.kind === "award" ? `Purchase #${event.order}` : "Keyed in twice",
          reference: `order-${event.order}`, idempotencyKey: key, storeId: event.kind === "award" ? event.store : "MAIN",
        });
        if (event.kind === "mistake") mistake = result.transaction.id;
        entry(result.transaction.id);
      } else {
        entry(await writeOther(db, writers, event, { customerEmail, customerId, key, mistake, before: moment(event.at + window.shiftMs) }));
        if (event.kind === "block") stamps.blocks.push({ customerId, at });
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) await writeChain(chain);
  }));
  return stamps;
}

type Context = { customerEmail: string; customerId: string; key: string; mistake: string | null; before: Date };

// The writes after enrolment and purchases; answers the entry written, if any.
async function writeOther(db: Db, writers: DemoWriters, event: DemoEvent, c: Context): Promise<string | null> {
  switch (event.kind) {
    case "reward":
      return (await redeemReward(db, writers.tills[event.store], { rewardId: writers.rewards[event.reward], customerEmail: c.customerEmail, idempotencyKey: c.key, storeId: event.store })).entryId;
    case "redeem":
      return (await redeemPoints(db, writers.tills[event.store], { customerEmail: c.customerEmail, amount: event.amount, description: event.description, idempotencyKey: c.key, storeId: event.store })).transaction.id;
    case "adjust":
      return (await adjustPoints(db, writers.staff, { customerEmail: c.customerEmail, points: event.points, reason: event.reason, idempotencyKey: c.key })).transaction.id;
    case "reverse":
      return (await reverseEntry(db, writers.staff, { entryId: c.mistake!, reason: event.reason, idempotencyKey: c.key })).transaction.id;
    case "expire": {
      // `before` = the lot's shifted expiry (event.at is its intended one): it and nothing later.
      const result = await expirePoints(db, jobActor(writers.staff.businessId), { customerId: c.customerId, before: c.before, description: "Points expired" });
      return result.transaction?.id ?? null;
    }
    case "block":
      await updateCustomer(db, writers.staff, { id: c.customerId, status: "BLOCKED", notes: `Blocked: ${event.reason.toLowerCase()}.` });
      return null;
    default:
      throw new Error(`demo timeline: ${event.kind} is written by writeDemoTimeline`);
  }
}
