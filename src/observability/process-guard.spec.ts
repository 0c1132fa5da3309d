import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessGuard } from './process-guard.js';

function guarded() {
  const proc = new EventEmitter();
  const seen = { logs: [] as string[], reports: [] as [unknown, string][], exits: [] as number[], flushes: 0 };
  installProcessGuard({
    proc,
    log: (m) => seen.logs.push(m),
    report: (e, mechanism) => seen.reports.push([e, mechanism]),
    flush: () => {
      seen.flushes++;
      return Promise.resolve(true);
    },
    exit: (code) => seen.exits.push(code),
  });
  return { proc, seen };
}

describe('process guard', () => {
  it('logs and reports an unhandled rejection and keeps the process running', async () => {
    const { proc, seen } = guarded();
    const reason = new Error('nobody awaited me');
    proc.emit('unhandledRejection', reason, Promise.resolve());
    proc.emit('unhandledRejection', 'a plain string', Promise.resolve());
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.reports).toEqual([
      [reason, 'unhandledRejection'],
      ['a plain string', 'unhandledRejection'],
    ]);
    expect(seen.logs[0]).toContain('nobody awaited me');
    expect(seen.exits).toEqual([]);
  });

  it('logs, reports and flushes an uncaught exception, then exits 1 (once, however many follow)', async () => {
    const { proc, seen } = guarded();
    const error = new Error('thrown from a listener');
    proc.emit('uncaughtException', error, 'uncaughtException');
    proc.emit('uncaughtException', new Error('another'), 'uncaughtException');
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.reports).toEqual([[error, 'uncaughtException']]);
    expect(seen.flushes).toBe(1);
    expect(seen.exits).toEqual([1]);
    expect(seen.logs).toHaveLength(2);
  });
});
