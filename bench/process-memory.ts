// Resident memory of a started server's processes, from /proc (Linux), for the soak bench:
// - app: the HTTP server (serve.mjs) and its descendants (the cluster's processes when
//   WEB_CONCURRENCY > 1), VmRSS summed;
// - worker: the job worker (worker.mjs), VmRSS;
// - postgres: the postmaster and its backends, RssAnon summed (their private memory: VmRSS
//   would count the shared buffers once per backend that touched them).
// Elsewhere there is no /proc and every figure is 0.
import { readdirSync, readFileSync } from "node:fs";

export type Memory = { app: number; worker: number; postgres: number };

type Proc = { pid: number; ppid: number; comm: string; cmdline: string };

function processes(): Proc[] {
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      return [{ pid: Number(pid), ppid, comm, cmdline }];
    } catch {
      return []; // exited meanwhile
    }
  });
}

function statusField(pid: number, field: "VmRSS" | "RssAnon"): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// Everything started under `rootPid` (the bench's child, e.g. `npx tsx scripts/start.ts`).
export function memoryOf(rootPid: number): Memory {
  const all = processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const below = (pid: number): Proc[] => (children.get(pid) ?? []).flatMap((c) => [c, ...below(c.pid)]);
  const tree = below(rootPid);
  const sum = (procs: Proc[], field: "VmRSS" | "RssAnon") => procs.reduce((total, p) => total + statusField(p.pid, field), 0);
  const servers = tree.filter((p) => p.cmdline.includes("serve.mjs"));
  const app = [...servers, ...servers.flatMap((s) => below(s.pid))];
  const worker = tree.filter((p) => p.cmdline.includes("worker.mjs"));
  // The postmaster and its backends all run the `postgres` executable.
  const postgres = tree.filter((p) => p.comm === "postgres");
  return { app: sum([...new Set(app)], "VmRSS"), worker: sum(worker, "VmRSS"), postgres: sum(postgres, "RssAnon") };
}
