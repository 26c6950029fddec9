// A process's ear on the database: one dedicated connection LISTENing on a channel that
// triggers NOTIFY when something a process caches has changed (see the api_keys triggers).
// Notices arrive when the change commits, from whichever process, CLI or SQL session made it.
//
// While the connection is down a notice could be missed, so the feed says it isn't listening
// (callers then don't trust or fill their caches) and reports a reset once it is back (callers
// drop everything they cached). It reconnects on its own, backing off up to 30 s. An idle
// connection a NAT or firewall drops without a word is found by a heartbeat query every 10 s
// (and TCP keepalive). A payload of "*" means "anything may have changed" (a TRUNCATE, a
// restore): a reset. Behind a pooler in transaction mode LISTEN hears nothing: point the app
// at Postgres itself (see README, Operating notes).
import pg from "pg";
import { databaseUrl } from "./client";

export type ChangeFeed = {
  // True while notices are being received: a cache may be trusted and filled.
  listening(): boolean;
  // Moves on every notice and reset: a lookup that started before a move must not cache.
  generation(): number;
};

type Handlers = { notice: (payload: string) => void; reset: () => void; url?: () => string };

const HEARTBEAT_MS = 10_000;

export function listenForChanges(channel: string, handlers: Handlers): ChangeFeed {
  let listening = false;
  let generation = 0;
  let started = false;
  let delayMs = 1000;

  async function connect() {
    const client = new pg.Client({ connectionString: (handlers.url ?? databaseUrl)(), keepAlive: true, query_timeout: HEARTBEAT_MS });
    let closed = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const lost = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      listening = false;
      generation++;
      handlers.reset();
      client.end().catch(() => {});
      setTimeout(() => void connect(), delayMs).unref();
      delayMs = Math.min(delayMs * 2, 30_000);
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => {
      generation++;
      if (message.payload === "*") handlers.reset();
      else if (message.payload) handlers.notice(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      // The feed must never keep a process (a CLI command, a test run) alive on its own.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      // Whatever changed while nobody listened is unknown: start from an empty cache.
      generation++;
      handlers.reset();
      listening = true;
      delayMs = 1000;
      heartbeat = setInterval(() => void client.query("SELECT 1").catch(lost), HEARTBEAT_MS).unref();
    } catch {
      lost();
    }
  }

  return {
    listening() {
      if (!started) {
        started = true;
        void connect();
      }
      return listening;
    },
    generation: () => generation,
  };
}
