// Sign-in through authorizeCredentials against a real database. Each test signs in from its own
// client address and with its own emails, so the in-memory throttle state of one test never
// reaches another.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBusiness } from "../businesses/create-business";
import { runCli } from "../cli/run-cli";
import { db } from "../db/client";
import { authorizeCredentials } from "./authorize-credentials";
import { hashWork } from "./password";
import { ACCOUNT_RULE, SignInThrottled } from "./sign-in-throttle";

// Small enough that the per-address test stays quick; read when the throttle is first used.
process.env.SIGN_IN_ATTEMPTS_PER_ADDRESS = "8";

const secret = () => randomBytes(12).toString("base64url");
const tag = () => randomBytes(4).toString("hex");
let addresses = 0;
const newAddress = () => `198.51.100.${++addresses}`;

async function userWithBcrypt(password: string) {
  return db.user.create({ data: { email: `legacy-${tag()}@test.dev`, passwordHash: await bcrypt.hash(password, 4) } });
}
const storedHash = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).passwordHash;

afterEach(() => void vi.useRealTimers());

describe("authorizeCredentials", () => {
  it("signs in a user whose password was stored as argon2id, with the email in any case", async () => {
    const password = secret();
    const { owner } = await createBusiness(db, { name: "Argon", ownerEmail: `Owner-${tag()}@Test.dev`, ownerPassword: password });
    expect(await storedHash(owner.id)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await authorizeCredentials(db, { email: owner.email.toUpperCase(), password }, newAddress())).toMatchObject({ id: owner.id, email: owner.email });
  });

  it("answers the session version of the row it checked the password against, for the session to carry", async () => {
    const password = secret();
    const { owner } = await createBusiness(db, { name: "Versions", ownerEmail: `v-${tag()}@test.dev`, ownerPassword: password });
    await db.user.update({ where: { id: owner.id }, data: { sessionVersion: 3 } });
    expect(await authorizeCredentials(db, { email: owner.email, password }, newAddress())).toMatchObject({ id: owner.id, sessionVersion: 3 });
  });

  it("upgrades a bcrypt hash to argon2id at sign-in, and the same password keeps working", async () => {
    const password = secret();
    const user = await userWithBcrypt(password);
    const address = newAddress();
    expect(await authorizeCredentials(db, { email: user.email, password: `${password}x` }, address)).toBeNull();
    expect(await storedHash(user.id)).toMatch(/^\$2[ab]\$/); // a wrong password upgrades nothing
    expect(await authorizeCredentials(db, { email: user.email, password }, address)).toMatchObject({ id: user.id });
    const upgraded = await storedHash(user.id);
    expect(upgraded).toMatch(/^\$argon2id\$/);
    expect(await authorizeCredentials(db, { email: user.email, password }, address)).toMatchObject({ id: user.id });
    expect(await storedHash(user.id)).toBe(upgraded); // already current: not rewritten
  });

  it("answers an unknown email exactly like a wrong password, after the same hash work", async () => {
    const password = secret();
    const { owner } = await createBusiness(db, { name: "Known", ownerEmail: `known-${tag()}@test.dev`, ownerPassword: password });
    const address = newAddress();
    const runs = hashWork.runs;
    expect(await authorizeCredentials(db, { email: owner.email, password: secret() }, address)).toBeNull();
    const forKnown = hashWork.runs - runs;
    expect(await authorizeCredentials(db, { email: `nobody-${tag()}@test.dev`, password: secret() }, address)).toBeNull();
    expect(hashWork.runs - runs - forKnown).toBe(forKnown);
    expect(forKnown).toBeGreaterThanOrEqual(1);
  });

  it("locks an account out after its limit of failures, before any hashing, and doubles the next lockout", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const password = secret();
    const user = await userWithBcrypt(password);
    const address = newAddress();
    for (let i = 0; i < ACCOUNT_RULE.attempts; i++) expect(await authorizeCredentials(db, { email: user.email, password: secret() }, address)).toBeNull();
    const runs = hashWork.runs;
    // Even the right password is refused now, without verifying it (no hash work, hash not upgraded).
    const refused = authorizeCredentials(db, { email: user.email, password }, newAddress());
    await expect(refused).rejects.toBeInstanceOf(SignInThrottled);
    await expect(refused).rejects.toMatchObject({ code: "throttled", retryAfterSeconds: ACCOUNT_RULE.firstLockoutSeconds });
    expect(hashWork.runs).toBe(runs);
    expect(await storedHash(user.id)).toMatch(/^\$2[ab]\$/);

    // After the lockout: the limit again, then a lockout twice as long.
    vi.setSystemTime(Date.now() + ACCOUNT_RULE.firstLockoutSeconds * 1000 + 1000);
    for (let i = 0; i < ACCOUNT_RULE.attempts; i++) expect(await authorizeCredentials(db, { email: user.email, password: secret() }, address)).toBeNull();
    await expect(authorizeCredentials(db, { email: user.email, password }, address)).rejects.toMatchObject({ retryAfterSeconds: 2 * ACCOUNT_RULE.firstLockoutSeconds });
  });

  it("throttles an unknown email exactly like a known one", async () => {
    const email = `ghost-${tag()}@test.dev`;
    const address = newAddress();
    for (let i = 0; i < ACCOUNT_RULE.attempts; i++) expect(await authorizeCredentials(db, { email, password: secret() }, address)).toBeNull();
    await expect(authorizeCredentials(db, { email, password: secret() }, address)).rejects.toMatchObject({ retryAfterSeconds: ACCOUNT_RULE.firstLockoutSeconds });
  });

  it("clears an account's failures at a successful sign-in", async () => {
    const password = secret();
    const user = await userWithBcrypt(password);
    const address = newAddress();
    for (let i = 0; i < ACCOUNT_RULE.attempts - 1; i++) await authorizeCredentials(db, { email: user.email, password: secret() }, address);
    expect(await authorizeCredentials(db, { email: user.email, password }, address)).toMatchObject({ id: user.id });
    // A full allowance again (from another address, to stay clear of this one's own limit).
    const other = newAddress();
    for (let i = 0; i < ACCOUNT_RULE.attempts; i++) expect(await authorizeCredentials(db, { email: user.email, password: secret() }, other)).toBeNull();
    await expect(authorizeCredentials(db, { email: user.email, password }, other)).rejects.toBeInstanceOf(SignInThrottled);
  });

  it("limits one address across many emails; other addresses and a locked-out address's accounts are unaffected", async () => {
    const password = secret();
    const user = await userWithBcrypt(password);
    const address = newAddress();
    for (let i = 0; i < 8; i++) expect(await authorizeCredentials(db, { email: `spray-${tag()}@test.dev`, password: secret() }, address)).toBeNull();
    const runs = hashWork.runs;
    await expect(authorizeCredentials(db, { email: user.email, password }, address)).rejects.toBeInstanceOf(SignInThrottled);
    expect(hashWork.runs).toBe(runs);
    expect(await authorizeCredentials(db, { email: user.email, password }, newAddress())).toMatchObject({ id: user.id });
  });
});

describe("password rule where a password is set", () => {
  it("createBusiness and the CLI refuse a common password and write nothing", async () => {
    const before = await db.user.count();
    await expect(createBusiness(db, { name: "Weak", ownerEmail: `weak-${tag()}@test.dev`, ownerPassword: "Password123" })).rejects.toThrow(/most commonly used/);
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(String(line)));
    try {
      expect(await runCli(["business", "create", "--name", "Weak", "--owner-email", `weak-${tag()}@test.dev`, "--owner-password", "short"], () => {})).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join("\n")).toMatch(/at least 10 characters/);
    expect(await db.user.count()).toBe(before);
  });
});
