import type { EventEmitter } from 'node:events';
import * as Sentry from '@sentry/nestjs';

export interface ProcessGuardDeps {
  /** `process`, or a stand-in in tests. */
  proc: Pick<EventEmitter, 'on'>;
  log: (message: string) => void;
  report: (error: unknown, mechanism: 'unhandledRejection' | 'uncaughtException') => void;
  /** Lets the report leave before the process exits; resolves within its timeout whatever happens. */
  flush: (timeoutMs: number) => Promise<unknown>;
  exit: (code: number) => void;
}

const text = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * The last line of defence for errors no handler caught; handlers themselves must not let any out
 * (the socket gateway acks every error). Two different answers, as Node's semantics allow:
 * - unhandledRejection: a promise nobody awaited failed. The code that created it has already
 *   run to its end, nothing was left half-done on the stack, so logging, reporting and going on
 *   is safe (and Node's own default, exiting, would let one forgotten `.catch` take every live
 *   session down).
 * - uncaughtException: a throw unwound the stack through whatever was in progress (a half-updated
 *   Map, a lock taken and never released). Node's documentation says the process is then in an
 *   undefined state and resuming is not safe; so log, report, let the report leave, and exit
 *   non-zero for the supervisor to restart a clean process (acked audio is in the spool).
 */
export function installProcessGuard(deps: ProcessGuardDeps): void {
  deps.proc.on('unhandledRejection', (reason: unknown) => {
    deps.log(`unhandled promise rejection (kept running): ${text(reason)}`);
    deps.report(reason, 'unhandledRejection');
  });
  let exiting = false;
  deps.proc.on('uncaughtException', (error: unknown) => {
    deps.log(`uncaught exception, exiting: ${text(error)}`);
    if (exiting) return;
    exiting = true;
    deps.report(error, 'uncaughtException');
    void deps.flush(2_000).finally(() => deps.exit(1));
  });
}

/** Sentry's own handlers for these, when it runs with them, already report: then we only decide what happens next. */
function reportToSentry(error: unknown, mechanism: 'unhandledRejection' | 'uncaughtException'): void {
  const own = mechanism === 'unhandledRejection' ? 'OnUnhandledRejection' : 'OnUncaughtException';
  if (Sentry.getClient()?.getIntegrationByName(own)) return;
  Sentry.withScope((scope) => {
    scope.setTag('mechanism', mechanism);
    Sentry.captureException(error);
  });
}

/** For main.ts: the guard on the real process. Logs with console.error: the app's logger may be what failed. */
export function guardProcess(): void {
  installProcessGuard({
    proc: process,
    log: (message) => console.error(`[Mina] ${message}`),
    report: reportToSentry,
    flush: (timeoutMs) => Sentry.flush(timeoutMs).catch(() => false),
    exit: (code) => process.exit(code),
  });
}
