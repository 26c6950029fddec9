import { describe, expect, it } from "vitest";
import { endpointFormSchema, groupEvents, missedPeriod, replayFormSchema, toEndpointInput, toLocalInput, toReplayInput } from "./webhook-form-schema";

const DAY = 24 * 60 * 60 * 1000;

describe("endpoint form", () => {
  it("sends all events as * alone, and an empty description as none", () => {
    expect(toEndpointInput({ url: " https://hooks.example.com/x ", events: ["points.earned", "*"], description: " " })).toEqual({
      url: "https://hooks.example.com/x",
      events: ["*"],
      description: null,
    });
    expect(toEndpointInput({ url: "https://a.example/x", events: ["points.earned"], description: "Till" }).events).toEqual(["points.earned"]);
  });

  it("refuses no events and something that isn't a URL", () => {
    const result = endpointFormSchema.safeParse({ url: "hooks.example.com", events: [], description: "" });
    expect(result.success).toBe(false);
    expect(result.error?.flatten().fieldErrors).toMatchObject({ url: [expect.stringMatching(/https/)], events: [expect.any(String)] });
  });

  it("groups events by what they are about, points first, a new group last", () => {
    const groups = groupEvents([
      { type: "customer.created", description: "" },
      { type: "gift.sent", description: "" },
      { type: "points.earned", description: "" },
      { type: "badge.awarded", description: "" },
      { type: "customer.erased", description: "" },
    ]);
    expect(groups.map(([group, options]) => [group, options.map((o) => o.type)])).toEqual([
      ["points", ["points.earned"]],
      ["customer", ["customer.created", "customer.erased"]],
      ["badge", ["badge.awarded"]],
      ["gift", ["gift.sent"]],
    ]);
  });
});

describe("replay form", () => {
  it("reads local date-times, an empty end as now", () => {
    const from = new Date(2026, 0, 2, 3, 4);
    expect(toLocalInput(from)).toBe("2026-01-02T03:04");
    expect(toReplayInput({ from: toLocalInput(from), to: "", onlyFailed: true })).toEqual({ from, to: undefined, onlyFailed: true });
  });

  it("refuses a start after the end, and no start", () => {
    expect(replayFormSchema.safeParse({ from: "2026-01-02T00:00", to: "2026-01-01T00:00", onlyFailed: true }).success).toBe(false);
    expect(replayFormSchema.safeParse({ from: "", to: "", onlyFailed: true }).success).toBe(false);
    expect(replayFormSchema.safeParse({ from: "2026-01-01T00:00", to: "2026-01-02T00:00", onlyFailed: false }).success).toBe(true);
  });

  it("replays what a stopped endpoint missed from when it stopped, but no further back than the limit", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const since = new Date(now.getTime() - 4 * DAY);
    expect(missedPeriod(since, 30, now)).toEqual({ from: since, clipped: false });
    const long = missedPeriod(new Date(now.getTime() - 45 * DAY), 30, now);
    expect(long.clipped).toBe(true);
    expect(now.getTime() - long.from.getTime()).toBeLessThan(30 * DAY);
    expect(now.getTime() - long.from.getTime()).toBeGreaterThan(29 * DAY);
  });
});
