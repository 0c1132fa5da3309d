/* A redis-server of one test file's own, to SIGKILL and restart without disturbing the shared one. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from '#src/redis/redis-launcher.js';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  /** SIGKILL: no shutdown save, only what the AOF (fsync always) already has survives. */
  kill(): Promise<void>;
  /** Starts again on the same port and data dir; resolves once it answers (AOF loaded). */
  start(): Promise<void>;
  /** kill, wait `downMs`, start. */
  restart(downMs?: number): Promise<void>;
  /** Kills the server and removes its data dir; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `redis-server` on a free port with AOF `appendfsync always`, as production would run it. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mina-fault-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGKILL');
    await exited;
  };
  const start = async () => {
    if (child) return;
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'],
      { stdio: 'ignore' },
    );
    child = c;
    for (let i = 0; i < 100; i++) {
      if (c.exitCode !== null) throw new Error(`redis-server exited with ${c.exitCode} on port ${port}`);
      if (await answers(url)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  // Never leave a server behind, even when the test runner dies.
  process.once('exit', () => child?.kill('SIGKILL'));

  await start();
  return {
    url,
    port,
    dir,
    kill,
    start,
    restart: async (downMs = 1_000) => {
      await kill();
      await sleep(downMs);
      await start();
    },
    stop,
  };
}
