import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, ownerIsGone } from './data-dir-lock.js';

const self = { pid: 4242, host: 'box', boot: 'boot-1' };

describe('ownerIsGone: may a lock left by this owner be taken over at once?', () => {
  it.each([
    ['no note (the holder is between mkdir and its note)', undefined, false],
    ['another host: its pids mean nothing here', { pid: 1, host: 'other', boot: 'boot-1', since: '' }, false],
    ['this very pid: a previous life (container restarted as pid 1)', { pid: 4242, host: 'box', boot: 'boot-1', since: '' }, true],
    ['an earlier boot', { pid: process.pid, host: 'box', boot: 'boot-0', since: '' }, true],
    ['a live process of this host', { pid: process.pid, host: 'box', boot: 'boot-1', since: '' }, false],
    ['a note without boot id, live pid', { pid: process.pid, host: 'box', since: '' }, false],
    ['a pid that does not exist', { pid: 2 ** 22 + 7, host: 'box', boot: 'boot-1', since: '' }, true],
  ])('%s → %s', (_name, owner, gone) => expect(ownerIsGone(owner, self)).toBe(gone));
});

describe('lockDataDir', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'mina-lock-spec-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second opener in this process, and frees the directory on release', async () => {
    const dir = join(root, 'pg');
    const lock = await lockDataDir(dir, { staleMs: 60_000 });
    await expect(lockDataDir(dir, { staleMs: 60_000 })).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(dir, { staleMs: 60_000 })).rejects.toThrow(`Mina is running on this data directory: ${dir} (pid ${process.pid}`);
    await lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    await (await lockDataDir(dir, { staleMs: 60_000 })).release();
  });

  it('refuses while a live process of this host holds it; takes over once that process is gone', async () => {
    const dir = join(root, 'pg');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      mkdirSync(`${dir}.lock`, { recursive: true });
      writeFileSync(`${dir}.lock.owner`, JSON.stringify({ pid: child.pid, host: hostname(), since: 'then' }));
      await expect(lockDataDir(dir, { staleMs: 3_600_000 })).rejects.toThrow(`pid ${child.pid} on ${hostname()} since then`);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const lock = await lockDataDir(dir, { staleMs: 3_600_000 });
    await lock.release();
  });
});
