import { describe, expect, it } from "vitest";
import { historyInput } from "./ledger-schemas";

const customer = { customerEmail: "h@example.com" };

describe("historyInput", () => {
  it("takes the type in any case, and all as no filter", () => {
    expect(historyInput.parse({ ...customer, type: "award" }).type).toBe("AWARD");
    expect(historyInput.parse({ ...customer, type: " Redeem " }).type).toBe("REDEEM");
    expect(historyInput.parse({ ...customer, type: "all" }).type).toBeUndefined();
    expect(historyInput.parse({ ...customer, type: "ALL" }).type).toBeUndefined();
    expect(historyInput.safeParse({ ...customer, type: "transfer" }).error?.issues[0]?.message).toMatch(/AWARD, REDEEM, ADJUST, EXPIRE, REVERSAL or ALL/);
  });

  it("reads a date alone as the whole day (UTC): from its midnight up to, not including, the next", () => {
    const data = historyInput.parse({ ...customer, from: "2026-11-30", to: "2026-11-30" });
    expect(data.from).toEqual(new Date("2026-11-30T00:00:00.000Z"));
    expect(data.to).toEqual(new Date("2026-12-01T00:00:00.000Z"));
    expect(historyInput.parse({ ...customer, to: "2026-12-31" }).to).toEqual(new Date("2027-01-01T00:00:00.000Z"));
    expect(historyInput.parse({ ...customer, to: "9999-12-31" }).to).toEqual(new Date("9999-12-31T23:59:59.999Z"));
  });

  it("keeps a date-time as given", () => {
    expect(historyInput.parse({ ...customer, to: "2026-11-30T12:00:00Z" }).to).toEqual(new Date("2026-11-30T12:00:00.000Z"));
    expect(historyInput.safeParse({ ...customer, to: "2026-13-45" }).success).toBe(false);
  });

  it("filters by staff name when one is given; an empty one is no filter", () => {
    expect(historyInput.parse({ ...customer, staff: " Alice " }).staff).toBe("Alice");
    expect(historyInput.parse({ ...customer, staff: "" }).staff).toBeUndefined();
    expect(historyInput.safeParse({ ...customer, staff: "x".repeat(101) }).success).toBe(false);
  });

  it("pages like every list: perPage, or limit", () => {
    expect(historyInput.parse({ ...customer, limit: "5" })).toMatchObject({ page: 1, perPage: 5 });
    expect(historyInput.parse(customer)).toMatchObject({ page: 1, perPage: 25 });
  });
});
