/* A PostgreSQL cluster of one test file's own, to stop hard and start again without disturbing the shared one. */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '#src/redis/redis-launcher.js';

const run = promisify(execFile);
const BIN = process.env.MINA_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: a crash as far as clients are concerned (connections cut, no checkpoint). */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** initdb + pg_ctl as the `postgres` OS user (the tests run as root), on a free port, data under /tmp. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mina-fault-pg-'));
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { timeout: 30_000 });
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  let running = false;
  const start = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    running = true;
  };
  const kill = async () => {
    if (!running) return;
    running = false;
    await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  const stop = async () => {
    await kill().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  // Never leave a cluster behind, even when the test runner dies.
  process.once('exit', () => {
    if (running) spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
  });
  await start();
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, kill, start, stop };
}
