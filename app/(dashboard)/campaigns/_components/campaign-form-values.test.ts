import { describe, expect, it } from "vitest";
import { toCampaignFormValues, toCampaignInput } from "./campaign-form-values";

describe("campaign form values", () => {
  it("turns inclusive UTC days into the API's window and lists into arrays, and back", () => {
    const input = toCampaignInput({ name: "Weekend", kind: "MULTIPLIER", points: "5", multiplierPercent: "200", startsOn: "2026-12-05", endsOn: "2026-12-06", stores: "DT, ,UP", categories: "Coffee,Tea " });
    expect(input).toEqual({
      name: "Weekend", points: null, multiplierPercent: 200, startsAt: new Date("2026-12-05T00:00:00Z"), endsAt: new Date("2026-12-07T00:00:00Z"),
      storeIds: ["DT", "UP"], categories: ["Coffee", "Tea"],
    });
    const row = { id: "c", kind: "MULTIPLIER" as const, active: true, pointsIssued: 0, customers: 0, ...input, storeIds: ["id-dt"] };
    expect(toCampaignFormValues(row, new Map([["id-dt", "DT"]]))).toMatchObject({ startsOn: "2026-12-05", endsOn: "2026-12-06", stores: "DT", categories: "Coffee, Tea" });
  });

  it("sends points (not filters) for a sign-up campaign, and what was typed when it isn't a number", () => {
    expect(toCampaignInput({ name: "W", kind: "SIGNUP", points: "ten", multiplierPercent: "200", startsOn: "", endsOn: "", stores: "DT", categories: "" })).toMatchObject({
      points: "ten", multiplierPercent: null, startsAt: null, endsAt: null, storeIds: [], categories: [],
    });
  });
});
