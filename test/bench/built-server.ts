/** The built server (`dist/src/main.js`) as a child process, for the benches that load it over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Starts it in production mode on 127.0.0.1:`port`, with `env` over this process's environment. */
export function startBuiltServer(port: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves once `/health/ready` answers 200 (polled every 200 ms, `seconds` at most). */
export async function waitReady(port: number, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 5; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('server did not become ready');
}
