// The portal's stores procedures against a real database: owners create, edit, close and
// reopen; staff only look; another business's store is invisible. Asserted on the rows and the
// audit log, not only on the answers.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;
let foreignId: string;

const failure = trpcFailure;

const storeRow = (businessId: string, id: string) => db.store.findUniqueOrThrow({ where: { businessId_id: { businessId, id } } });
const auditActions = async (businessId: string, targetId: string) =>
  (await db.auditLog.findMany({ where: { businessId, targetId }, orderBy: { createdAt: "asc" } })).map((r) => r.action);

beforeAll(async () => {
  a = await makePortalBusiness("sa");
  b = await makePortalBusiness("sb");
  foreignId = (await callerFor(b.owner).stores.create({ name: "B's shop", code: "B-01" })).id;
});

describe("stores router", () => {
  it("lets the owner create, edit, close and reopen a store, each change audited", async () => {
    const owner = callerFor(a.owner).stores;
    const created = await owner.create({ name: "Downtown", code: "dt-01", address: "1 Main St" });
    expect(await storeRow(a.business.id, created.id)).toMatchObject({ name: "Downtown", code: "DT-01", address: "1 Main St", active: true });
    await owner.update({ id: created.id, name: "Downtown East", address: null });
    await owner.update({ id: created.id, active: false });
    expect(await storeRow(a.business.id, created.id)).toMatchObject({ name: "Downtown East", address: null, active: false });
    await owner.update({ id: created.id, active: true });
    expect((await storeRow(a.business.id, created.id)).active).toBe(true);
    expect(await auditActions(a.business.id, created.id)).toEqual(["store.created", "store.updated", "store.updated", "store.updated"]);
    expect((await owner.list()).map((s) => s.code)).toEqual(["DT-01"]);
  });

  it("answers a taken code with CONFLICT and the API's sentence, and writes nothing", async () => {
    const owner = callerFor(a.owner).stores;
    const first = await owner.create({ name: "Airport", code: "AP-1" });
    const error = await failure(owner.create({ name: "Airport 2", code: "ap-1" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`Store code AP-1 is taken by "Airport" (${first.id}).`);
    expect(await db.store.count({ where: { businessId: a.business.id, code: "AP-1" } })).toBe(1);
    expect(await db.store.count({ where: { businessId: a.business.id, name: "Airport 2" } })).toBe(0);
  });

  it("lets staff list and read stores but not create or change one", async () => {
    const staff = callerFor(a.staff).stores;
    const listed = await staff.list();
    expect(listed.length).toBeGreaterThan(0);
    const target = listed[0]!;
    expect((await staff.get({ id: target.id })).code).toBe(target.code);
    const before = await storeRow(a.business.id, target.id);
    const count = await db.store.count({ where: { businessId: a.business.id } });
    expect((await failure(staff.create({ name: "Staff's store", code: "ST-1" }))).code).toBe("FORBIDDEN");
    expect((await failure(staff.update({ id: target.id, active: false }))).code).toBe("FORBIDDEN");
    expect(await db.store.count({ where: { businessId: a.business.id } })).toBe(count);
    expect(await storeRow(a.business.id, target.id)).toEqual(before);
  });

  it("answers NOT_FOUND for another business's store and leaves it alone", async () => {
    const before = await storeRow(b.business.id, foreignId);
    const owner = callerFor(a.owner).stores;
    expect((await failure(owner.get({ id: foreignId }))).code).toBe("NOT_FOUND");
    expect((await failure(owner.update({ id: foreignId, active: false }))).code).toBe("NOT_FOUND");
    expect((await owner.list()).map((s) => s.id)).not.toContain(foreignId);
    expect(await storeRow(b.business.id, foreignId)).toEqual(before);
    expect(await auditActions(b.business.id, foreignId)).toEqual(["store.created"]);
  });
});
