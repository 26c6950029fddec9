// When a failed delivery is tried again: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each
// failure in turn (about 28 hours in all, 8 attempts), each stretched or shrunk by up to 20% so
// that deliveries that failed together (a receiver's outage) don't all come back at once.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const JITTER = 0.2;

// After attempt number `attempt` (1-based) failed: when the next one runs, or null when that
// was the last. `delays`: tests stand in a schedule of milliseconds.
export function nextAttemptAt(attempt: number, now: Date, random: () => number = Math.random, delays: readonly number[] = RETRY_DELAYS_MS): Date | null {
  const delay = delays[attempt - 1];
  if (delay === undefined) return null;
  return new Date(now.getTime() + Math.round(delay * (1 - JITTER + 2 * JITTER * random())));
}
