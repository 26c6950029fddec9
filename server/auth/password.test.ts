import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { HASH_CONCURRENCY, HASH_QUEUE_MAX, hashPassword, hashWork, passwordNeedsRehash, verifyPassword } from "./password";

const secret = () => randomBytes(12).toString("base64url");

describe("password hashing", () => {
  it("stores argon2id with the OWASP parameters and verifies only the right password", async () => {
    const password = secret();
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password}x`, stored)).toBe(false);
    expect(passwordNeedsRehash(stored)).toBe(false);
  });

  it("still verifies bcrypt hashes from earlier releases, and marks them for rehashing", async () => {
    const password = secret();
    const stored = await bcrypt.hash(password, 4);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password}x`, stored)).toBe(false);
    expect(passwordNeedsRehash(stored)).toBe(true);
  });

  it("treats a malformed or weaker stored hash as wrong or outdated, never as an error", async () => {
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
    expect(passwordNeedsRehash("not-a-hash")).toBe(true);
    expect(passwordNeedsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")).toBe(true);
  });

  // Event-loop utilisation is the share of time the main thread spent running JavaScript rather
  // than waiting for I/O: a ratio, not a duration, so a slow or busy machine doesn't move it.
  // Hashing on the main thread (bcryptjs) keeps it near 1; native hashing on the thread pool
  // leaves the loop waiting, near 0.
  it("hashes off the event loop: the loop stays idle while several hashes run", async () => {
    await hashPassword(secret()); // load the native binding outside the measurement
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 4 }, () => hashPassword(secret())));
    const { utilization } = performance.eventLoopUtilization(before);
    expect(utilization).toBeLessThan(0.5);
  });

  it("runs at most HASH_CONCURRENCY hashes at once, queueing the rest", async () => {
    hashWork.peak = 0;
    const passwords = Array.from({ length: HASH_CONCURRENCY + 4 }, secret);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    expect(hashWork.peak).toBe(HASH_CONCURRENCY);
    const checks = await Promise.all(passwords.map((p, i) => verifyPassword(p, hashes[i]!)));
    expect(checks.every(Boolean)).toBe(true);
    expect(hashWork.peak).toBe(HASH_CONCURRENCY);
  });

  it("turns work away at once with a 503-style error when the queue is full, and serves the queue it kept", async () => {
    const started = hashWork.runs;
    // All started in one tick: HASH_CONCURRENCY run, HASH_QUEUE_MAX wait, the rest are refused
    // before any hash work.
    const attempts = Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE_MAX + 5 }, () => hashPassword(secret()).then(() => "hashed", (e: { code?: string }) => e.code));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "hashed")).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE_MAX);
    expect(outcomes.filter((o) => o === "SERVICE_UNAVAILABLE")).toHaveLength(5);
    expect(hashWork.runs - started).toBe(HASH_CONCURRENCY + HASH_QUEUE_MAX);
  });
});
