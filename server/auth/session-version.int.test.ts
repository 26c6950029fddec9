// A session is checked against the account on every request: bumping session_version (password
// change, reset, "sign out everywhere") signs out every token issued before, on pages
// (sessionUser) and in tRPC (createTrpcContext). A temporary password locks the portal API.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { endAllSessions } from "../accounts/change-password";
import { db } from "../db/client";
import { createTrpcContext } from "../trpc/create-context";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { resolveSessionUser } from "./portal-session";

// What next-auth would decode from the cookie: the user id and the version it was issued with.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionVersion?: number } }));
vi.mock("@/auth", () => ({ auth: async () => session.current }));

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;

beforeAll(async () => {
  a = await makePortalBusiness("sv");
});

describe("session version", () => {
  it("signs out a token issued before the version moved on, in the tRPC context too", async () => {
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: a.staff.id } });
    session.current = { user: { id: a.staff.id }, sessionVersion };
    expect((await createTrpcContext({ headers: new Headers() })).user).toMatchObject({ id: a.staff.id, email: a.staff.email, mustChangePassword: false });
    expect(await resolveSessionUser(db, { userId: a.staff.id, sessionVersion })).toMatchObject({ id: a.staff.id });

    await endAllSessions(db, a.staff.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: a.staff.id } })).sessionVersion).toBe(sessionVersion + 1);
    expect((await createTrpcContext({ headers: new Headers() })).user).toBeNull();
    expect(await resolveSessionUser(db, { userId: a.staff.id, sessionVersion })).toBeNull();
    // A token signed in after the bump works.
    expect(await resolveSessionUser(db, { userId: a.staff.id, sessionVersion: sessionVersion + 1 })).toMatchObject({ id: a.staff.id });
  });

  it("signs out a token without a version (issued before versions existed) and a deleted account", async () => {
    expect(await resolveSessionUser(db, { userId: a.owner.id })).toBeNull();
    expect(await resolveSessionUser(db, { userId: "00000000-0000-0000-0000-000000000000", sessionVersion: 0 })).toBeNull();
    expect(await resolveSessionUser(db, null)).toBeNull();
  });

  it("refuses portal procedures while the password is temporary, with a sentence", async () => {
    await db.user.update({ where: { id: a.staff.id }, data: { mustChangePassword: true } });
    const user = await db.user.findUniqueOrThrow({ where: { id: a.staff.id } });
    const resolved = await resolveSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion });
    expect(resolved).toMatchObject({ mustChangePassword: true });
    const error = await callerFor(resolved).customers.list({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "Choose a new password first: your current one is temporary." });
    await db.user.update({ where: { id: a.staff.id }, data: { mustChangePassword: false } });
    expect(await callerFor({ ...resolved!, mustChangePassword: false }).session.me()).toMatchObject({ user: { id: a.staff.id } });
  });
});
