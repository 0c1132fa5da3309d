/*
 * The processes of bench:recordings and what they cost: the api and worker roles of the real app,
 * the fake ASR and the load generator each in a process of their own (so that none of them slows
 * another's clock), RSS sampled from /proc (not over IPC: a busy event loop must not hide its
 * own peak), and where the machine's CPU went per process role.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import { createApp } from '#src/app.factory.js';
import { loadConfig } from '#src/config/config.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { fixtureAudio } from '../support/fixtures.js';
import { allProcStats, CLK_TCK, readProcStat } from './proc-stat.js';

export type Role = 'api' | 'worker' | 'fake' | 'load';
const MB = 1024 * 1024;
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export interface ListLoad {
  p50: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
}

/** Starts `role` as a child process of this module; resolves once it is ready. */
export function child(role: Role, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{ proc: ChildProcess; baseURL?: string }> {
  const argv = [...nodeArgs, fileURLToPath(import.meta.url), '--bench-child', role];
  const proc = spawn(process.execPath, argv, { env: role === 'api' || role === 'worker' ? { ...env, MINA_ROLE: role } : env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
    proc.on('message', (m: { ready?: boolean; baseURL?: string }) => m.ready && resolve({ proc, baseURL: m.baseURL }));
  });
}

export function ask<T>(proc: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    proc.once('message', (m: T) => resolve(m));
    proc.send(message as string);
  });
}

/** GET /api/meetings under `connections` connections for `seconds`, from the load process. */
export function loadList(load: ChildProcess, url: string, headers: Record<string, string>, seconds: number, connections = 20): Promise<ListLoad> {
  return ask<ListLoad>(load, { url, headers, seconds, connections });
}

async function runChild(role: Role): Promise<void> {
  if (role === 'api' || role === 'worker') {
    const app = await createApp(loadConfig(process.env));
    if (role === 'api') await app.listen(Number(process.env.PORT), '127.0.0.1');
    else await app.init();
    // What the RSS is made of, on request: V8's spaces (young generation included) and buffers outside the heap.
    process.on('message', () => {
      const m = process.memoryUsage();
      const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, round(s.space_size / MB)]));
      process.send?.({ rssMb: round(m.rss / MB), heapTotalMb: round(m.heapTotal / MB), heapUsedMb: round(m.heapUsed / MB), externalMb: round(m.external / MB), arrayBuffersMb: round(m.arrayBuffers / MB), spaces });
    });
    process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
    process.send?.({ ready: true });
    return;
  }
  if (role === 'fake') {
    const fake = await startFakeOpenAI({ scripts: [fixtureAudio('es2002a-2min')], latencyMs: Number(process.env.BENCH_ASR_LATENCY_MS ?? 100) });
    process.on('message', (m: string) => {
      if (m === 'reset') fake.resetConcurrency('transcriptions');
      process.send?.({ requests: fake.requests.length, maxConcurrent: fake.concurrency('transcriptions').max });
    });
    process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
    process.send?.({ ready: true, baseURL: fake.baseURL });
    return;
  }
  process.on('message', (m: { url: string; headers: Record<string, string>; seconds: number; connections: number }) => {
    void autocannon({ url: m.url, headers: m.headers, connections: m.connections, duration: m.seconds }).then((r) => {
      const answer: ListLoad = { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, rps: round(r.requests.average), errors: r.errors + r.non2xx + r.timeouts };
      process.send?.(answer);
    });
  });
  process.on('SIGTERM', () => process.exit(0));
  process.send?.({ ready: true });
}

export function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Pids of the processes whose parent is `pid` (ffmpeg under the worker). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Peak RSS of each named process, and of the worker's ffmpeg children together, every 200 ms. */
export class RssSampler {
  private readonly peaks: Record<string, number> = {};
  private childrenPeak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: Record<string, number>, private readonly parentOfChildren: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) this.peaks[name] = Math.max(this.peaks[name] ?? 0, rssOf(pid));
    this.childrenPeak = Math.max(this.childrenPeak, childrenOf(this.parentOfChildren).reduce((sum, pid) => sum + rssOf(pid), 0));
  }

  stop(idle: Record<string, number>): Record<string, { idleMb: number; peakMb: number; growthMb: number }> & { ffmpegPeakMb: number } {
    clearInterval(this.timer);
    this.sample();
    const out: Record<string, { idleMb: number; peakMb: number; growthMb: number }> = {};
    for (const [name, peak] of Object.entries(this.peaks)) out[name] = { idleMb: round(idle[name] / MB), peakMb: round(peak / MB), growthMb: round((peak - idle[name]) / MB) };
    return Object.assign(out, { ffmpegPeakMb: round(this.childrenPeak / MB) });
  }
}

/** Busy and total ticks of the whole machine (/proc/stat), over all cores; interrupts and steal (the VM's host) apart. */
function machineTicks(): { busy: number; total: number; irq: number; steal: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3] - (cpu[4] ?? 0), total, irq: (cpu[5] ?? 0) + (cpu[6] ?? 0), steal: cpu[7] ?? 0 };
}

/**
 * Where the machine's CPU went, in % of one core, by role: the api, the worker, its ffmpeg
 * children (counted while they run and, once reaped, through the worker's child ticks), the fake
 * ASR, the load generator, this bench process (tus client), PostgreSQL, Redis, everything else.
 */
export class MachineCpu {
  private readonly procs = allProcStats();
  private readonly machine = machineTicks();
  private readonly startedAt = performance.now();
  private readonly childTicks: number;

  constructor(private readonly roles: Record<string, number>) {
    this.childTicks = readProcStat(roles.worker)?.childTicks ?? 0;
  }

  stop(): Record<string, number> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const now = allProcStats();
    const machine = machineTicks();
    const byRole: Record<string, number> = {};
    const roleOf = new Map(Object.entries(this.roles).map(([role, pid]) => [pid, role]));
    for (const [pid, { comm, ticks }] of now) {
      const delta = ticks - (this.procs.get(pid)?.ticks ?? 0);
      if (delta <= 0) continue;
      const role = roleOf.get(pid) ?? (comm === 'redis-server' ? 'redis' : comm === 'postgres' ? 'postgresql' : comm === 'ffmpeg' || comm === 'ffprobe' ? 'ffmpeg' : 'other');
      byRole[role] = (byRole[role] ?? 0) + delta;
    }
    // ffmpeg processes that ended during the phase: their ticks land in the worker's child ticks.
    // (One alive when the phase began is counted whole: a slight overcount at phase edges.)
    const reaped = (readProcStat(this.roles.worker)?.childTicks ?? 0) - this.childTicks;
    if (reaped > 0) byRole.ffmpeg = (byRole.ffmpeg ?? 0) + reaped;
    const pct = (ticks: number) => round((ticks / CLK_TCK / seconds) * 100);
    const busy = machine.total - this.machine.total > 0 ? (machine.busy - this.machine.busy) / (machine.total - this.machine.total) : 0;
    const sum = Object.values(byRole).reduce((a, b) => a + b, 0);
    return {
      ...Object.fromEntries(Object.entries(byRole).map(([role, ticks]) => [role, pct(ticks)])),
      // Processes that started and ended within the phase and were not ours (another user's tests) show only here.
      unattributed: round(Math.max(0, pct(machine.busy - this.machine.busy) - pct(sum) - pct(machine.irq - this.machine.irq) - pct(machine.steal - this.machine.steal))),
      interrupts: pct(machine.irq - this.machine.irq),
      steal: pct(machine.steal - this.machine.steal),
      machineBusyPercentOfAllCores: round(busy * 100),
    };
  }
}

if (process.argv[2] === '--bench-child') void runChild(process.argv[3] as Role);
