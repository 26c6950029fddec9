import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "../auth/authorize-credentials";
import { db } from "../db/client";
import { retirePublishedDemoPassword } from "./retire-published-password";
import { DEMO } from "./seed-demo";

describe("retirePublishedDemoPassword", () => {
  it("replaces the demo owner's published password with a random temporary one, once, and ends its sessions", async () => {
    // What releases before this one left in every database: bcrypt of the README's password.
    await db.user.create({ data: { email: DEMO.ownerEmail, name: "Demo Owner", passwordHash: await bcrypt.hash("demo-password", 10) } });
    const retired = await retirePublishedDemoPassword(db);
    expect(retired).toMatchObject({ email: DEMO.ownerEmail, password: expect.stringMatching(/^\S{16,}$/) });
    expect(await authorizeCredentials(db, { email: DEMO.ownerEmail, password: "demo-password" }, "192.0.2.10")).toBeNull();
    expect(await authorizeCredentials(db, { email: DEMO.ownerEmail, password: retired!.password }, "192.0.2.10")).toMatchObject({ email: DEMO.ownerEmail });
    expect(await db.user.findUniqueOrThrow({ where: { email: DEMO.ownerEmail } })).toMatchObject({ mustChangePassword: true, sessionVersion: 1 });
    // A password its owner chose is left alone (the second run finds nothing to retire).
    expect(await retirePublishedDemoPassword(db)).toBeNull();
  });
});
