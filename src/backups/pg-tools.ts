import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { BackupException } from './backup.exception.js';

/**
 * A libpq URL without its password, which goes into PGPASSWORD instead: the command line of
 * pg_dump and pg_restore is visible to every user of the machine, the environment is not.
 */
export function libpqTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** The URL for logs and audit lines. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return databaseUrl;
  }
}

export interface ToolRun {
  child: ChildProcess;
  /** Resolves when the tool exits with 0; otherwise rejects with its last stderr lines. */
  done: Promise<void>;
}

export function runTool(bin: string, args: string[], env: NodeJS.ProcessEnv, stdio: { stdin: 'pipe' | 'ignore'; stdout: 'pipe' | 'ignore' }): ToolRun {
  const child = spawn(bin, args, { env, stdio: [stdio.stdin, stdio.stdout, 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const done = (async () => {
    const [code, signal] = (await Promise.race([
      once(child, 'close'),
      once(child, 'error').then(([error]) => {
        const e = error as NodeJS.ErrnoException;
        throw new BackupException(
          'tool-failed',
          e.code === 'ENOENT' ? `${bin} not found: install the PostgreSQL client tools matching the server (Debian: postgresql-client)` : `${bin}: ${e.message}`,
        );
      }),
    ])) as [number | null, NodeJS.Signals | null];
    if (code !== 0) {
      const detail = stderr.trim().split('\n').slice(-5).join('; ') || (signal ? `killed by ${signal}` : `exit code ${code}`);
      throw new BackupException('tool-failed', `${bin} failed: ${detail}`);
    }
  })();
  // A caller that fails first (e.g. a stream error) still awaits `done` later; keep the rejection from being unhandled meanwhile.
  done.catch(() => undefined);
  return { child, done };
}
