import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one way tests, benches and the demo find the meeting fixtures: test/fixtures in this
 * repository (QMSum transcripts and audio synthesised from them; licences in its README).
 * Nothing outside the repository is read. Works from the sources and from dist/.
 */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'test/fixtures/README.md'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('test/fixtures not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

let root: string | undefined;

export function fixturesDir(): string {
  root ??= join(findRepoRoot(), 'test/fixtures');
  return root;
}

/** `fixtureAudio('es2002a-2min')` → the WAV path; its ground truth sits beside it as .json. */
export function fixtureAudio(name: string): string {
  return join(fixturesDir(), 'audio', `${name}.wav`);
}

/** The directory of the QMSum meeting transcripts (`ES2002a.json`, …). */
export function meetingsDir(): string {
  return join(fixturesDir(), 'meetings');
}

/** One QMSum meeting, parsed. */
export function readMeeting<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(join(meetingsDir(), file), 'utf8')) as T;
}
