// The webhooks bench's measures: award/ping load through autocannon (as npm run bench sends it),
// and what each process group and Postgres spent meanwhile.
import autocannon from "autocannon";
import type pg from "pg";
import { describeCpu, sampleCpu, type CpuSample, type Groups } from "./process-cpu";

export type LoadRun = { perSecond: number; p99: number; errors: number };
type LoadOptions = { base: string; key: string; duration: number; connections: number; rateConnections: number; body: (i: number) => object };

// load(path): GET, or POST with `body` for the award route; at `overallRate` req/s when given.
export function loader(options: LoadOptions) {
  return async (path: string, overallRate?: number, seconds = options.duration): Promise<LoadRun> => {
    let i = 0;
    const award = path.endsWith("/award");
    const result = await autocannon({
      url: `${options.base}${path}`,
      connections: overallRate ? options.rateConnections : options.connections,
      duration: seconds,
      overallRate,
      requests: [
        {
          method: award ? "POST" : "GET",
          headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" },
          setupRequest: (request) => (award ? { ...request, body: JSON.stringify(options.body(i++)) } : request),
        },
      ],
    });
    return { perSecond: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors };
  };
}

// CPU per process group, the worker's Postgres sessions apart; commits and WAL fsyncs (the
// cost of durability: every transaction the worker commits waits for one, like the ledger's
// own). pg_stat_io's WAL rows are Postgres 18's; without them only commits are shown.
export type Usage = { cpu: CpuSample; commits: number; fsyncs: number | null };

export function usageMeter(pool: pg.Pool, groups: () => Groups, workerAppName: string) {
  async function usage(): Promise<Usage> {
    const { rows } = await pool.query<{ commits: string }>("SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()");
    const fsyncs = await pool
      .query<{ fsyncs: string }>("SELECT coalesce(sum(fsyncs), 0)::text AS fsyncs FROM pg_stat_io WHERE object = 'wal'")
      .then((r) => Number(r.rows[0]!.fsyncs), () => null);
    const backends = await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [workerAppName]);
    return { cpu: sampleCpu(groups(), new Map(backends.rows.map((r) => [r.pid, "pg:worker"]))), commits: Number(rows[0]!.commits), fsyncs };
  }

  async function describeUsage(from: Usage): Promise<string> {
    const to = await usage();
    const seconds = (to.cpu.at - from.cpu.at) / 1000;
    const fsyncs = to.fsyncs === null || from.fsyncs === null ? "" : `, ${((to.fsyncs - from.fsyncs) / seconds).toFixed(0)} WAL fsyncs/s`;
    return `${describeCpu(from.cpu, to.cpu)}; postgres ${((to.commits - from.commits) / seconds).toFixed(0)} commits/s${fsyncs}`;
  }

  return { usage, describeUsage };
}
