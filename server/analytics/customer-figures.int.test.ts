import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { customerFigures } from "./customer-figures";

const range = { start: new Date(Date.now() - 86_400_000), end: new Date(Date.now() + 86_400_000) };

describe("customerFigures", () => {
  it("reads a business's figures afresh on every call below the large-tenant size", async () => {
    const { business, actor } = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "a@example.com", amount: 10 });
    expect(await customerFigures(db, business.id, range)).toMatchObject({ booked: 10, customers: 1, active: 1 });
    await awardPoints(db, actor, { customerEmail: "b@example.com", amount: 5 });
    expect(await customerFigures(db, business.id, range)).toMatchObject({ booked: 15, customers: 2, active: 2 });
  });

  it("reuses a large tenant's figures for a minute, saying when they were read", async () => {
    const { business, actor } = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "a@example.com", amount: 10 });
    const large = { largeTenant: 0 };
    const t0 = new Date();
    const first = await customerFigures(db, business.id, range, { ...large, now: t0 });
    expect(first).toMatchObject({ booked: 10, customers: 1, asOf: t0 });
    await awardPoints(db, actor, { customerEmail: "b@example.com", amount: 5 });
    expect(await customerFigures(db, business.id, range, { ...large, now: new Date(t0.getTime() + 59_000) })).toEqual(first);
    // Another range is read on its own.
    const other = { start: range.start, end: new Date(range.end.getTime() + 1000) };
    expect(await customerFigures(db, business.id, other, { ...large, now: new Date(t0.getTime() + 59_000) })).toMatchObject({ booked: 15, customers: 2 });
    const later = new Date(t0.getTime() + 60_000);
    expect(await customerFigures(db, business.id, range, { ...large, now: later })).toMatchObject({ booked: 15, customers: 2, active: 2, asOf: later });
  });
});
