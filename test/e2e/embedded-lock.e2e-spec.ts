/*
 * Issue 11 item 8: `npm run cli -- seed-demo` next to `npm start` on the same PGlite directory
 * corrupted it. Real processes of the built server and CLI: the second opener of a directory
 * refuses with a clear message and a non-zero exit, and the lock of a SIGKILLed holder is taken over.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '#src/redis/redis-launcher.js';
import { buildDecision, writeStamp } from '../../scripts/build-if-changed.js';
import { clearRedisPrefix, TEST_REDIS_URL } from '../support/test-app.js';
import { until } from './transcription-client.js';

const MAIN = 'dist/src/main.js';
const CLI = 'dist/src/cli.js';

interface Proc {
  child: ChildProcess;
  url: string;
  log: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('embedded database: one process per PGlite directory', () => {
  const redisPrefix = `minatest-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mina-lock-'));
  const procs: Proc[] = [];

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    MINA_DATA_DIR: dataDir,
    REDIS_URL: TEST_REDIS_URL,
    MINA_REDIS_PREFIX: redisPrefix,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    MINA_ADMIN_DIST: '/nonexistent',
    LOG_LEVEL: 'warn',
    // An hour: only the dead-pid rule can take a lock over within this test.
    MINA_PGLITE_LOCK_STALE_MS: '3600000',
    ...extra,
  });

  async function startServer(name: string): Promise<Proc> {
    const port = await freePort();
    const log = join(dataDir, `${name}.log`);
    const out = createWriteStream(log);
    const child = spawn(process.execPath, [MAIN], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: env({ PORT: String(port) }) });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    const proc: Proc = { child, url: `http://127.0.0.1:${port}`, log, exited };
    procs.push(proc);
    let dead = false;
    void exited.then(() => (dead = true));
    await until(
      async () => {
        if (dead) throw new Error(`${name} exited at start: ${readFileSync(log, 'utf8')}`);
        return fetch(`${proc.url}/health/live`).then((r) => r.ok, () => false);
      },
      90_000,
      `${name} to listen`,
    );
    return proc;
  }

  function cli(...args: string[]): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: env() });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => resolve({ code, output }));
    });
  }

  async function login(url: string): Promise<number> {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@example.com', password: 'demo-password' }) });
    return res.status;
  }

  beforeAll(() => {
    const decision = buildDecision(process.cwd(), 'api');
    if (decision.build) {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
      writeStamp(process.cwd(), 'api', decision.hash);
    }
  }, 300_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await clearRedisPrefix(redisPrefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a CLI refuses while the server holds the directory, and the server keeps serving its data', async () => {
    const seeded = await cli('seed-demo', '--email', 'demo@example.com', '--password', 'demo-password');
    expect(seeded.code, seeded.output).toBe(0);
    expect(existsSync(join(dataDir, 'pg.lock')), 'the CLI released its lock on exit').toBe(false);

    const server = await startServer('server');
    expect(existsSync(join(dataDir, 'pg.lock'))).toBe(true);

    const second = await cli('seed-demo', '--email', 'other@example.com', '--password', 'other-password');
    expect(second.code).not.toBe(0);
    expect(second.output).toContain('Mina is running on this data directory');
    expect(second.output).toContain('stop it or use the API');
    expect(second.output).toContain(`pid ${server.child.pid}`);

    const secondServer = await cli('migrate');
    expect(secondServer.code).not.toBe(0);
    expect(await login(server.url)).toBe(200);

    server.child.kill('SIGTERM');
    // Nest's shutdown hooks close the app, then re-raise the signal: a clean stop ends by SIGTERM (or 0).
    const stopped = await server.exited;
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM', JSON.stringify(stopped)).toBe(true);
    expect(readFileSync(server.log, 'utf8')).not.toMatch(/uncaught exception/);
    expect(existsSync(join(dataDir, 'pg.lock')), 'a clean stop releases the lock').toBe(false);
  }, 400_000);

  it('the lock of a SIGKILLed holder is taken over at once', async () => {
    // A bare holder: the built lock module in its own process, as the server takes it at boot.
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import('./dist/src/database/data-dir-lock.js'); await m.lockDataDir(${JSON.stringify(join(dataDir, 'pg'))}, { staleMs: 3_600_000 }); console.log('locked'); setInterval(() => {}, 1000);`],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((r) => holder.once('exit', () => r()));
    procs.push({ child: holder, url: '', log: '', exited: exited.then(() => ({ code: null, signal: null })) });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      void exited.then(() => reject(new Error('the holder exited')));
    });

    const refused = await cli('migrate');
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`Mina is running on this data directory: ${join(dataDir, 'pg')} (pid ${holder.pid}`);

    holder.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dataDir, 'pg.lock')), 'SIGKILL leaves the lock behind').toBe(true);

    // The stale time is an hour here: only the dead holder's pid can free the directory this soon.
    const migrated = await cli('migrate');
    expect(migrated.code, migrated.output).toBe(0);
    expect(migrated.output).toContain('Schema is up to date');
    expect(existsSync(join(dataDir, 'pg.lock'))).toBe(false);
  }, 400_000);
});
