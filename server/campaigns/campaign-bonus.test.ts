import { describe, expect, it } from "vitest";
import { planBonuses, type MultiplierCampaign } from "./campaign-bonus";

const at = (s: string) => new Date(`2026-11-0${s}T00:00:00Z`);
const campaign = (id: string, percent: number, more: Partial<MultiplierCampaign> = {}): MultiplierCampaign => ({
  id, name: id, multiplierPercent: percent, storeIds: [], categories: [], createdAt: at("1"), ...more,
});

describe("planBonuses", () => {
  it("multiplies the base points of the matching lines, rounded down", () => {
    expect(planBonuses([campaign("double", 200)], null, [{ points: 7, category: null }, { points: 4, category: "Tea" }])).toEqual([
      { campaignId: "double", name: "double", basePoints: 11, points: 11, positions: [0, 1] },
    ]);
    expect(planBonuses([campaign("half", 150)], null, [{ points: 7, category: null }])[0]!.points).toBe(3);
  });

  it("gives each line the best campaign only (no stacking); a tie goes to the earliest created", () => {
    const lines = [{ points: 10, category: "coffee" }, { points: 20, category: "Tea" }];
    const plan = planBonuses([campaign("all", 150), campaign("coffee", 300, { categories: ["Coffee"] })], null, lines);
    expect(plan).toEqual([
      { campaignId: "all", name: "all", basePoints: 20, points: 10, positions: [1] },
      { campaignId: "coffee", name: "coffee", basePoints: 10, points: 20, positions: [0] },
    ]);
    const tie = planBonuses([campaign("later", 200, { createdAt: at("2") }), campaign("first", 200)], null, lines);
    expect(tie.map((b) => b.campaignId)).toEqual(["first"]);
  });

  it("filters by store and by category; an order without a store matches only campaigns for every store", () => {
    const byStore = campaign("store", 200, { storeIds: ["s1"] });
    expect(planBonuses([byStore], "s2", [{ points: 10, category: null }])).toEqual([]);
    expect(planBonuses([byStore], null, [{ points: 10, category: null }])).toEqual([]);
    expect(planBonuses([byStore], "s1", [{ points: 10, category: null }])[0]!.points).toBe(10);
    expect(planBonuses([campaign("cat", 200, { categories: ["Tea"] })], null, [{ points: 10, category: null }])).toEqual([]);
  });

  it("gives nothing on lines that earn nothing", () => {
    expect(planBonuses([campaign("double", 200)], null, [{ points: 0, category: null }])).toEqual([]);
  });
});
