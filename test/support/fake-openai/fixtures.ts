import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * Where the shared meeting fixtures live: MINA_FIXTURES_DIR, else test/fixtures in the repo,
 * else shared/ beside the checkout (how CI lays it out).
 */
export function fixturesDir(): string {
  const candidates = [
    process.env.MINA_FIXTURES_DIR,
    join(repoRoot, 'test/fixtures'),
    // CI clones the repo with shared/ beside it; from dist/ the root is one more level up.
    resolve(repoRoot, '../shared/fixtures'),
    resolve(repoRoot, '../../shared/fixtures'),
    resolve(process.cwd(), '../shared/fixtures'),
  ];
  const found = candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'audio')));
  if (!found)
    throw new Error(`meeting fixtures not found; set MINA_FIXTURES_DIR (tried ${candidates.join(', ')})`);
  return found;
}

/** `fixtureAudio('es2002a-2min')` → the WAV path; its ground truth sits beside it as .json. */
export function fixtureAudio(name: string): string {
  return join(fixturesDir(), 'audio', `${name}.wav`);
}
