// CPU time of whole process groups, read from /proc (Linux): which of the web server,
// Postgres, the job worker and the bench itself was busy during a phase, in % of one core
// (2 cores: 200% is the machine). Elsewhere there is no /proc and the figures are empty.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on

// pgid -> label; Postgres (forked by the server's start.ts, so in its group) is told apart by name.
export type Groups = Map<number, string>;
// Per process: its label and CPU seconds so far.
export type CpuSample = { at: number; processes: Map<number, { label: string; seconds: number }> };

type Proc = { pid: number; ppid: number; pgid: number; comm: string; seconds: number };

function processes(): Proc[] {
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return []; // not Linux
  }
  return pids.flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      return [{ pid: Number(pid), ppid: Number(fields[1]), pgid: Number(fields[2]), comm, seconds }];
    } catch {
      return []; // exited meanwhile
    }
  });
}

// Postgres's backends put themselves in groups of their own: they are found as children of a
// postmaster in one of the groups. A process that exited between two samples takes its CPU time
// with it (few do: the pools keep their connections).
// `backends`: Postgres backends (pid -> label) to count apart, e.g. the job worker's sessions.
export function sampleCpu(groups: Groups, backends = new Map<number, string>()): CpuSample {
  const all = processes();
  const postmasters = new Set(all.filter((p) => p.comm === "postgres" && groups.has(p.pgid)).map((p) => p.pid));
  const labelled = new Map<number, { label: string; seconds: number }>();
  for (const p of all) {
    const label = postmasters.has(p.pid) || postmasters.has(p.ppid) ? (backends.get(p.pid) ?? "postgres") : groups.get(p.pgid);
    if (label) labelled.set(p.pid, { label, seconds: p.seconds });
  }
  return { at: performance.now(), processes: labelled };
}

export function processGroupOf(pid: number | "self"): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return -1;
  }
}

// "server 85%  postgres 60%  worker 30%  bench 25%": each group's share of one core between two samples.
export function describeCpu(from: CpuSample, to: CpuSample): string {
  const wall = (to.at - from.at) / 1000;
  const used = new Map<string, number>();
  for (const [pid, { label, seconds }] of to.processes) used.set(label, (used.get(label) ?? 0) + seconds - (from.processes.get(pid)?.seconds ?? 0));
  if (used.size === 0 || wall <= 0) return "CPU: not available (no /proc)";
  const labels = [...used.keys()].sort();
  return "CPU, % of one core: " + labels.map((label) => `${label} ${Math.round((100 * used.get(label)!) / wall)}%`).join("  ");
}
