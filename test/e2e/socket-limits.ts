import { onTestFinished } from 'vitest';
import type { SocketLimits } from '#src/transcription/socket-limiter.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '#src/transcription/transcription.options.js';
import type { GatewayApp } from './gateway.harness.js';

/** Sockets connected inside `fn` get these limits (the limiter reads them live); restored when the test ends. */
export async function withLimits<T>(gw: GatewayApp, limits: Partial<SocketLimits>, fn: () => Promise<T>): Promise<T> {
  const options = gw.app.app.get<TranscriptionOptions>(TRANSCRIPTION_OPTIONS);
  const before = { ...options.limits };
  Object.assign(options.limits, limits);
  onTestFinished(() => {
    Object.assign(options.limits, before);
  });
  return fn();
}
