/*
 * The console imports what the contract defines; it does not declare its own copy. A console
 * file that declares a type or constant under a contract name (or under the name the console's
 * types.ts re-exports it as) fails here: fold it into the contract instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CONTRACT = join(ROOT, 'packages/contract/src');
const CONSOLE = join(ROOT, 'admin/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const DECLARED = /^export\s+(?:declare\s+)?(?:interface|type|const|class|function|enum)\s+([A-Za-z_]\w*)/gm;
const declared = (text: string): string[] => [...text.matchAll(DECLARED)].map((m) => m[1]);

/** Every name the contract exports, and every alias the console re-exports one under. */
function contractNames(): Set<string> {
  const names = new Set(sources(CONTRACT).flatMap((file) => declared(readFileSync(file, 'utf8'))));
  for (const file of sources(CONSOLE)) {
    for (const block of readFileSync(file, 'utf8').matchAll(
      /export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@mina\/contract[^']*'/g,
    )) {
      for (const alias of block[1].matchAll(/\bas\s+(\w+)/g)) names.add(alias[1]);
    }
  }
  return names;
}

describe('the console does not hand-copy the contract', () => {
  it('finds the contract and the console sources (the check below is not vacuous)', () => {
    const names = contractNames();
    for (const name of [
      'SessionView',
      'Session',
      'ClientToServerEvents',
      'ERROR_STATUS',
      'defineAbilityFor',
      'CREATE_FIELDS',
      'ChunkSender',
    ])
      expect(names).toContain(name);
    expect(sources(CONSOLE).length).toBeGreaterThan(50);
  });

  it('declares no type or constant under a contract name', () => {
    const names = contractNames();
    const copies = sources(CONSOLE).flatMap((file) =>
      declared(readFileSync(file, 'utf8'))
        .filter((name) => names.has(name))
        .map((name) => `${relative(ROOT, file)}: ${name}`),
    );
    expect(copies).toEqual([]);
  });

  it('never imports the server', () => {
    const imports = sources(CONSOLE).filter((file) =>
      /from\s+'(?:#src\/|(?:\.\.\/)+src\/)/.test(readFileSync(file, 'utf8')),
    );
    expect(imports.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
