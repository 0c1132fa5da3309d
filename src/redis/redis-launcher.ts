import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A TCP port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RedisChoice {
  url: string;
  child?: ChildProcess;
}

/**
 * `npm start` needs nothing but Redis: use REDIS_URL (or the local default) when it answers;
 * otherwise start redis-server from PATH on a free port with its data under the data dir.
 */
export async function ensureRedis(url: string, defaulted: boolean, dataDir: string): Promise<RedisChoice> {
  if (await answers(url)) return { url };
  if (!defaulted) throw new Error(`Redis at REDIS_URL does not answer. Start it, or unset REDIS_URL to let Mina start redis-server itself.`);
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      'Mina needs Redis: none answers on redis://127.0.0.1:6379 and redis-server is not on PATH. ' +
        'Install it (e.g. `apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '60 1', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const local = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await answers(local)) {
      const stop = () => child.kill('SIGTERM');
      process.once('exit', stop);
      return { url: local, child };
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}
