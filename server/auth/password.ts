// Password hashing: argon2id in native code on libuv's thread pool (@node-rs/argon2), so a
// hash never blocks the event loop that serves the API. bcrypt hashes from earlier releases
// still verify (bcryptjs, pure JS) and are replaced at the next successful sign-in.
import { availableParallelism } from "node:os";
import { hash, parseOptions, verify, type Options } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import { AppError } from "../errors";

// OWASP's first argon2id profile: 19 MiB, 2 passes, 1 lane. About 30-60 ms per hash on this
// class of machine; memory-hard, so a GPU farm gains far less than against bcrypt. One lane
// because parallelism inside a hash would take the cores the semaphore below keeps free.
const ARGON2: Options = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// Hash work runs at most on half the cores (at least one): a flood of sign-ins queues here
// instead of taking every core from the API and Postgres.
export const HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
// And the queue is bounded: past this many waiting (about a second or two of hash work), a
// new attempt is turned away at once instead of holding its request open behind a flood.
export const HASH_QUEUE_MAX = 32;
let running = 0;
const waiting: (() => void)[] = [];
// Hashes and verifications started, and the most seen running at once: lets tests prove a
// throttled sign-in did no hash work and the cap holds.
export const hashWork = { runs: 0, peak: 0 };

export const hashQueueFull = () =>
  new AppError("SERVICE_UNAVAILABLE", "Too many passwords are being checked right now; try again in a few seconds.", undefined, { "Retry-After": "5" });

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY && waiting.length >= HASH_QUEUE_MAX) throw hashQueueFull();
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  hashWork.runs++;
  hashWork.peak = Math.max(hashWork.peak, running);
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, ARGON2));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isBcrypt(stored)) return withHashSlot(() => bcrypt.compare(password, stored));
  // A malformed stored hash is a wrong password, not a 500.
  return withHashSlot(() => verify(stored, password).catch(() => false));
}

// True when the stored hash is not argon2id with today's parameters: sign-in then stores a
// fresh one, so raising the parameters later upgrades every active account too.
export function passwordNeedsRehash(stored: string): boolean {
  if (isBcrypt(stored)) return true;
  try {
    const o = parseOptions(stored);
    return o.algorithm !== ARGON2.algorithm || o.memoryCost !== ARGON2.memoryCost || o.timeCost !== ARGON2.timeCost || o.parallelism !== ARGON2.parallelism;
  } catch {
    return true;
  }
}

function isBcrypt(stored: string): boolean {
  return /^\$2[aby]\$/.test(stored);
}
