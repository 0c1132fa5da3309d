/*
 * `npm start` used to rebuild the API and the console on every start (25–71 s). This builds a
 * target only when its inputs changed since its last successful build: a SHA-256 over the path
 * and content of every input file, kept in dist/build-stamp.json. Content, not mtimes, so a
 * checkout or copy that touches files without changing them does not rebuild, and an edit made
 * within the same second as a build does. Run by Node 24 directly (type stripping): no imports
 * beyond node:, no TypeScript-only syntax.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export type Target = 'api' | 'admin';

interface TargetSpec {
  /** Files and directories (walked) whose content decides the build. */
  inputs: string[];
  /** Files the build leaves behind; any missing means build. */
  outputs: string[];
  /** npm script that builds it. */
  script: string;
}

/** The contract package: built into the api (build:api builds it first), bundled from source into the console. */
const CONTRACT = ['packages/contract/src', 'packages/contract/package.json', 'packages/contract/tsconfig.json', 'packages/contract/tsconfig.build.json'];

export const TARGETS: Record<Target, TargetSpec> = {
  api: {
    inputs: ['src', 'migrations', 'test/bench', 'test/support', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', ...CONTRACT],
    outputs: ['dist/src/main.js', 'packages/contract/dist/index.js'],
    script: 'build:api',
  },
  admin: {
    inputs: ['admin/src', 'admin/public', 'admin/index.html', 'admin/vite.config.ts', 'admin/tsconfig.json', 'admin/package.json', 'package-lock.json', ...CONTRACT],
    outputs: ['admin/dist/index.html'],
    script: 'build:admin',
  },
};

export const STAMP_FILE = 'dist/build-stamp.json';

/** Unit and e2e specs are not part of the build (tsconfig.build.json excludes them). */
const ignored = (name: string): boolean => name.endsWith('.spec.ts') || name.endsWith('.e2e-spec.ts') || name === 'node_modules' || name === 'dist' || name.startsWith('.');

function listFiles(root: string, path: string, into: string[]): void {
  for (const entry of readdirSync(join(root, path), { withFileTypes: true })) {
    if (ignored(entry.name)) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) listFiles(root, child, into);
    else if (entry.isFile()) into.push(child);
  }
}

/** The hash of a target's inputs under `root`. */
export function inputsHash(root: string, target: Target): string {
  const files: string[] = [];
  for (const input of TARGETS[target].inputs) {
    const stat = statSync(join(root, input), { throwIfNoEntry: false });
    if (stat?.isDirectory()) listFiles(root, input, files);
    else if (stat?.isFile()) files.push(input);
  }
  const hash = createHash('sha256');
  // Forward slashes and a fixed order: the same tree hashes the same wherever it is.
  for (const file of files.map((f) => f.split(sep).join('/')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function readStamp(root: string): Partial<Record<Target, string>> {
  try {
    return JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8')) as Partial<Record<Target, string>>;
  } catch {
    return {};
  }
}

export interface BuildDecision {
  build: boolean;
  reason: 'no-output' | 'no-stamp' | 'changed' | 'unchanged';
  hash: string;
}

/** Whether `target` must be built: its output is missing, or its inputs differ from the last successful build. */
export function buildDecision(root: string, target: Target): BuildDecision {
  const hash = inputsHash(root, target);
  if (!TARGETS[target].outputs.every((output) => existsSync(join(root, output)))) return { build: true, reason: 'no-output', hash };
  const stamped = readStamp(root)[target];
  if (stamped === undefined) return { build: true, reason: 'no-stamp', hash };
  return stamped === hash ? { build: false, reason: 'unchanged', hash } : { build: true, reason: 'changed', hash };
}

/** Records a successful build of `target` from inputs with `hash`. */
export function writeStamp(root: string, target: Target, hash: string): void {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, STAMP_FILE), `${JSON.stringify({ ...readStamp(root), [target]: hash }, null, 2)}\n`);
}

function main(): void {
  const root = process.cwd();
  const force = process.argv.includes('--force');
  for (const target of ['api', 'admin'] as const) {
    const decision = buildDecision(root, target);
    if (!force && !decision.build) {
      process.stdout.write(`${target}: up to date\n`);
      continue;
    }
    process.stdout.write(`${target}: building (${force ? 'forced' : decision.reason})\n`);
    const run = spawnSync('npm', ['run', TARGETS[target].script], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    // The inputs as they were when the build started: an edit during the build rebuilds next time.
    writeStamp(root, target, decision.hash);
  }
}

if (import.meta.main) main();
