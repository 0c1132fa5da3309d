import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDecision, TARGETS, writeStamp, type Target } from './build-if-changed.js';

describe('build-if-changed: whether `npm start` must build', () => {
  let root: string;
  const write = (path: string, content = path): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const built = (target: Target): void => {
    for (const output of TARGETS[target].outputs) write(output);
    writeStamp(root, target, buildDecision(root, target).hash);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mina-build-stamp-'));
    for (const f of ['src/main.ts', 'src/a/b.ts', 'migrations/Migration1.ts', 'package-lock.json', 'admin/src/App.tsx', 'admin/index.html', 'packages/contract/src/index.ts']) write(f);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each<[string, (r: string) => void, Target, boolean, string]>([
    ['nothing built yet', () => rmSync(join(root, 'dist'), { recursive: true, force: true }), 'api', true, 'no-output'],
    ['output without a stamp (built by hand)', () => rmSync(join(root, 'dist/build-stamp.json')), 'api', true, 'no-stamp'],
    ['no change', () => undefined, 'api', false, 'unchanged'],
    ['a source edited', () => write('src/a/b.ts', 'changed'), 'api', true, 'changed'],
    ['a source added', () => write('src/a/c.ts'), 'api', true, 'changed'],
    ['a source removed', () => rmSync(join(root, 'src/a/b.ts')), 'api', true, 'changed'],
    ['a file renamed, same content', () => (rmSync(join(root, 'src/a/b.ts')), write('src/a/z.ts', 'src/a/b.ts')), 'api', true, 'changed'],
    ['a migration added', () => write('migrations/Migration2.ts'), 'api', true, 'changed'],
    ['the lockfile changed', () => write('package-lock.json', '{}'), 'api', true, 'changed'],
    ['only touched (same content, new mtime)', (r) => utimesSync(join(r, 'src/main.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1)), 'api', false, 'unchanged'],
    ['a unit spec edited (not part of the build)', () => write('src/a/b.spec.ts'), 'api', false, 'unchanged'],
    ['a console source edited: the API stays', () => write('admin/src/App.tsx', 'changed'), 'api', false, 'unchanged'],
    ['a console source edited', () => write('admin/src/App.tsx', 'changed'), 'admin', true, 'changed'],
    ['an API source edited: the console stays', () => write('src/main.ts', 'changed'), 'admin', false, 'unchanged'],
    ['the lockfile changed: the console too', () => write('package-lock.json', '{}'), 'admin', true, 'changed'],
    ['a contract source edited: the API builds', () => write('packages/contract/src/index.ts', 'changed'), 'api', true, 'changed'],
    ['a contract source edited: the console builds', () => write('packages/contract/src/index.ts', 'changed'), 'admin', true, 'changed'],
    ['the contract output deleted', () => rmSync(join(root, 'packages/contract/dist'), { recursive: true }), 'api', true, 'no-output'],
    ['the console output deleted', () => rmSync(join(root, 'admin/dist'), { recursive: true }), 'admin', true, 'no-output'],
  ])('%s → %s', (_name, change, target, build, reason) => {
    built('api');
    built('admin');
    change(root);
    expect(buildDecision(root, target)).toMatchObject({ build, reason });
  });

  it('stamps each target on its own', () => {
    built('api');
    expect(buildDecision(root, 'admin')).toMatchObject({ build: true, reason: 'no-output' });
    built('admin');
    expect([buildDecision(root, 'api').build, buildDecision(root, 'admin').build]).toEqual([false, false]);
  });
});
