// The demo's 90 days of activity as a plain list of events, from a seeded PRNG (never
// Math.random): every install gets the same story, shifted to end yesterday. Times are ms from
// the window's start (a UTC midnight); write-demo-timeline.ts writes them through the ledger.
// Each customer's balance is followed here (a lower bound: tier multipliers only add), so no
// redemption is ever refused.
import { demoPeople, KIOSK_OPENS, WINDOW_DAYS, type DemoPerson } from "./demo-people";

export type Store = "MAIN" | "HARBOUR";

export type DemoEvent = { at: number; person: number } & (
  | { kind: "award"; amount: number; store: Store; order: number }
  // A 50-point welcome bonus, spendable for 30 days (the only points that expire in the window).
  | { kind: "welcome"; amount: number; expiresAt: number }
  | { kind: "reward"; reward: "coffee" | "beans"; store: Store }
  | { kind: "redeem"; amount: number; description: string; store: Store }
  | { kind: "adjust"; points: number; reason: string }
  // An award keyed in twice at the till, and its reversal a little later.
  | { kind: "mistake"; amount: number; order: number }
  | { kind: "reverse"; reason: string }
  | { kind: "expire"; lotExpiresAt: number }
  | { kind: "block"; reason: string }
);

export type DemoTimeline = { people: DemoPerson[]; events: DemoEvent[]; windowMs: number };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WELCOME_DAYS = 30;
const COSTS = { coffee: 100, beans: 500 } as const;

// mulberry32: small, fast, and the same sequence on every platform.
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A scripted moment for a named customer: on their first visit on or after `day`.
const SPECIALS: { person: number; day: number; event: (at: number) => DemoEvent[] }[] = [
  { person: 2, day: 20, event: (at) => [{ at: at + 30 * MIN, person: 2, kind: "adjust", points: 50, reason: "Apology for a late order" }] },
  { person: 1, day: 45, event: (at) => [{ at: at + 40 * MIN, person: 1, kind: "adjust", points: 40, reason: "Card reader was down: points added by hand" }] },
  { person: 5, day: 60, event: (at) => [{ at: at + 25 * MIN, person: 5, kind: "adjust", points: -30, reason: "Points added twice by mistake" }] },
  { person: 0, day: 50, event: (at) => [
    { at: at + 4 * MIN, person: 0, kind: "mistake", amount: 60, order: 9000 },
    { at: at + 20 * MIN, person: 0, kind: "reverse", reason: "Duplicate purchase entry" },
  ] },
];

const BLOCKS = ["Card shared among several people", "Chargeback on a purchase", "Asked us to pause their account"];

// startWeekday: the weekday (0 = Sunday) of the window's first day, for the weekend rhythm.
export function demoTimeline(startWeekday: number): DemoTimeline {
  const random = seededRandom(20_261_214);
  const people = demoPeople(random);
  const events: DemoEvent[] = [];
  let order = 1000;
  people.forEach((p, person) => {
    let balance = 0;
    // Welcome lots not spent yet: debits take the soonest-expiring points first, as the ledger does.
    const promo: { expiresAt: number; remaining: number }[] = [];
    const specials = SPECIALS.filter((s) => s.person === person);
    const spend = (points: number) => {
      balance -= points;
      for (const lot of promo) {
        const take = Math.min(lot.remaining, points);
        lot.remaining -= take;
        points -= take;
      }
    };
    const expireUpTo = (until: number) => {
      for (const lot of promo.filter((l) => l.expiresAt <= until && l.remaining > 0)) {
        events.push({ at: lot.expiresAt, person, kind: "expire", lotExpiresAt: lot.expiresAt });
        balance -= lot.remaining;
        lot.remaining = 0;
      }
    };
    for (let day = p.enrolDay; day <= p.lastDay; day++) {
      const weekend = [0, 6].includes((startWeekday + day) % 7);
      if (day !== p.enrolDay && random() >= visitChance(p, weekend, day)) continue;
      // Regulars come before work; everyone else later, and later still at weekends.
      const at = day * DAY + (p.habit === "regular" && !weekend ? 7 * HOUR + random() * 2 * HOUR : 9 * HOUR + random() * 9 * HOUR);
      expireUpTo(at);
      if (day === p.enrolDay) {
        const expiresAt = welcomeExpiry(at);
        events.push({ at, person, kind: "welcome", amount: 50, expiresAt });
        promo.push({ expiresAt, remaining: 50 });
        balance += 50;
      }
      const store: Store = (p.home === "HARBOUR") !== random() < 0.15 && day >= KIOSK_OPENS ? "HARBOUR" : "MAIN";
      const amount = Math.round((30 + random() ** 2 * 90) * (weekend ? 1.4 : 1) * (p.big ? 4 : 1));
      events.push({ at: at + MIN, person, kind: "award", amount, store, order: ++order });
      balance += amount;
      const special = specials.find((s) => s.day <= day);
      if (special) {
        specials.splice(specials.indexOf(special), 1);
        for (const e of special.event(at)) {
          events.push(e);
          // A mistake and its reversal cancel out; an adjustment moves the balance.
          if (e.kind === "adjust" && e.points > 0) balance += e.points;
          if (e.kind === "adjust" && e.points < 0) spend(-e.points);
        }
      }
      if (balance >= 1500 && random() < 0.3) {
        events.push({ at: at + 3 * MIN, person, kind: "redeem", amount: 1000, description: p.big ? "Catering order discount" : "Brunch for two", store });
        spend(1000);
      } else if (balance >= 700 && random() < 0.15) {
        events.push({ at: at + 3 * MIN, person, kind: "reward", reward: "beans", store });
        spend(COSTS.beans);
      } else if (balance >= 250 && random() < 0.2) {
        events.push({ at: at + 3 * MIN, person, kind: "reward", reward: "coffee", store });
        spend(COSTS.coffee);
      }
    }
    expireUpTo(WINDOW_DAYS * DAY - 1);
  });
  blockSome(people, events);
  // Chronological, each moment distinct (a customer's own events keep their order: stable sort).
  events.sort((a, b) => a.at - b.at);
  for (let i = 1; i < events.length; i++) if (events[i]!.at <= events[i - 1]!.at) events[i]!.at = events[i - 1]!.at + 1000;
  return { people, events, windowMs: WINDOW_DAYS * DAY };
}

function visitChance(p: DemoPerson, weekend: boolean, day: number): number {
  if (p.habit === "once") return day - p.enrolDay < 10 ? 0.06 : 0;
  if (p.habit === "regular") return weekend ? 0.15 : 0.3;
  if (p.habit === "lapsed") return 0.22;
  return weekend ? 0.14 : 0.06;
}

// Never due between the window's end and a while after (when the seed runs): unexpired, past its date.
function welcomeExpiry(at: number): number {
  const expires = at + WELCOME_DAYS * DAY;
  const end = WINDOW_DAYS * DAY;
  return expires >= end - 2 * HOUR && expires < end + 2 * DAY ? end + 2 * DAY + (expires % DAY) : expires;
}

// Three customers who stopped coming are blocked a few days after their last visit.
function blockSome(people: DemoPerson[], events: DemoEvent[]) {
  const lapsed = people.map((p, i) => ({ p, i })).filter(({ p, i }) => p.habit === "lapsed" && i >= 6).slice(1, 1 + BLOCKS.length);
  lapsed.forEach(({ i }, n) => {
    const last = Math.max(...events.filter((e) => e.person === i).map((e) => e.at));
    events.push({ at: Math.min(last + (3 + n * 2) * DAY, WINDOW_DAYS * DAY - 6 * HOUR), person: i, kind: "block", reason: BLOCKS[n]! });
  });
}
