import { describe, expect, it } from "vitest";
import { demoTimeline } from "./demo-timeline";

const DAY = 86_400_000;

describe("the demo timeline", () => {
  it("is the same story every time, for any weekday the window starts on", () => {
    for (const weekday of [0, 3, 6]) expect(demoTimeline(weekday)).toEqual(demoTimeline(weekday));
  });

  it("stays inside the window, in order, small enough to seed quickly, and never spends what isn't there", () => {
    for (const weekday of [0, 1, 2, 3, 4, 5, 6]) {
      const { people, events, windowMs } = demoTimeline(weekday);
      expect(windowMs).toBe(90 * DAY);
      expect(events.length).toBeLessThanOrEqual(1000);
      expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
      expect(new Set(people.flatMap((p) => (p.phone ? [p.phone] : []))).size).toBe(people.filter((p) => p.phone).length);
      events.forEach((e, i) => {
        expect(e.at).toBeGreaterThan(0);
        expect(e.at).toBeLessThan(windowMs);
        if (i > 0) expect(e.at).toBeGreaterThan(events[i - 1]!.at);
      });
      // Everyone enrols (a welcome bonus) before anything else happens to them; no one is blocked before their last purchase.
      people.forEach((_, person) => {
        const own = events.filter((e) => e.person === person);
        expect(own[0]?.kind).toBe("welcome");
        const block = own.findIndex((e) => e.kind === "block");
        if (block >= 0) expect(own.slice(block).some((e) => ["award", "reward", "redeem"].includes(e.kind))).toBe(false);
      });
      expect(events.filter((e) => e.kind === "block")).toHaveLength(3);
      expect(events.filter((e) => e.kind === "reward" && e.reward === "beans").length).toBeLessThanOrEqual(40);
      // A welcome bonus due soon after the window's end (when the seed may run) would sit there past its date.
      for (const e of events) if (e.kind === "welcome") expect(e.expiresAt < windowMs - 2 * 3_600_000 || e.expiresAt >= windowMs + 2 * DAY).toBe(true);
      expect(new Set(events.map((e) => e.kind))).toEqual(new Set(["welcome", "award", "reward", "redeem", "adjust", "mistake", "reverse", "expire", "block"]));
    }
  });
});
