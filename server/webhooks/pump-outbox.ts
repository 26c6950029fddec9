// Moves committed outbox events to their endpoints' delivery jobs (ll_fan_out_outbox): as long
// as full batches come back, at once; when the outbox is empty, every `intervalMs`. Polling an
// index of unpublished rows costs next to nothing and adds no work to the ledger's own
// transactions (a NOTIFY per write would serialise their commits); 200 ms keeps delivery
// within a second of the commit.
import type pg from "pg";

export type OutboxPump = { stop: () => Promise<void> };

export function startOutboxPump(pool: pg.Pool, options: { intervalMs?: number; batchSize?: number; log: (line: string) => void }): OutboxPump {
  const intervalMs = options.intervalMs ?? 200;
  const batchSize = options.batchSize ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  const loop = (async () => {
    while (!stopped) {
      try {
        const { rows } = await pool.query<{ events: number }>({ name: "ll-fan-out", text: "SELECT ll_fan_out_outbox($1) AS events", values: [batchSize] });
        if (rows[0]!.events === batchSize) continue;
        await sleep(intervalMs);
      } catch (error) {
        options.log(`outbox fan-out failed: ${(error as Error).message}`);
        await sleep(Math.max(intervalMs, 1000));
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
