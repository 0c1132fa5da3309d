import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks per second on Linux. */
export const CLK_TCK = 100;

export interface ProcStat {
  /** The command name (`comm`), e.g. `postgres`, `redis-server`, `node`. */
  comm: string;
  /** User + system CPU ticks of the process itself. */
  ticks: number;
  /** CPU ticks of its children that have exited and been waited for (a postmaster's ended backends). */
  childTicks: number;
}

/** /proc/<pid>/stat, or undefined when the process is gone. */
export function readProcStat(pid: number | string): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ticks: Number(fields[11]) + Number(fields[12]),
      childTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/** Every process on the machine now, by pid. */
export function allProcStats(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(name);
    if (stat) out.set(Number(name), stat);
  }
  return out;
}
