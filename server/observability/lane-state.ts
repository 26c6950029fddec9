// What the ledger's lanes (server/ledger/queue-ledger-write.ts) are doing, counted as they go so
// a scrape reads two numbers instead of walking the lanes. On globalThis so the ledger and the
// metrics see the same counters however the bundler splits modules.
type LaneState = { queued: number; busy: number };

const holder = globalThis as unknown as { __loyaltyLanes?: LaneState };

// queued: writes waiting for the batch ahead of them; busy: lanes with a batch in flight.
export function laneState(): LaneState {
  holder.__loyaltyLanes ??= { queued: 0, busy: 0 };
  return holder.__loyaltyLanes;
}
