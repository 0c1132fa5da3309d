import { MinaException } from '#src/common/mina.exception.js';
import { AudioFormatError } from './audio/audio-format.error.js';
import type { SocketError, SocketErrorCode, SocketErrorReason } from './transcription.events.js';

/**
 * A refusal the gateway acks as `{ ok: false, error }`; the connection stays up. An expected
 * outcome, not a bug, so it carries no stack: under overload the gateway refuses thousands of
 * chunks a second, and capturing a stack trace for each was 6 % of its CPU.
 */
export class SocketRefusal extends Error {
  constructor(
    readonly code: SocketErrorCode,
    message: string,
    readonly reason?: SocketErrorReason,
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'SocketRefusal';
  }
}

const PASSTHROUGH: ReadonlySet<string> = new Set<SocketErrorCode>([
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'NOT_FOUND',
  'WORKSPACE_REQUIRED',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'LIMIT_EXCEEDED',
  'SERVICE_UNAVAILABLE',
  'API_KEY_EXPIRED',
  'API_KEY_REVOKED',
  'API_KEY_SCOPE',
  'API_KEY_WORKSPACE',
]);

/** The one mapping from thrown errors to socket errors; anything unexpected is INTERNAL with no detail. */
export function toSocketError(error: unknown): { error: SocketError; unexpected: boolean } {
  if (error instanceof SocketRefusal) {
    return { error: { code: error.code, message: error.message, ...(error.reason && { reason: error.reason }) }, unexpected: false };
  }
  if (error instanceof AudioFormatError) {
    const reason: SocketErrorReason = error.code === 'ODD_BYTE_LENGTH' ? 'ODD_BYTE_LENGTH' : error.code === 'UNSUPPORTED_SAMPLE_RATE' ? 'SAMPLE_RATE' : 'BAD_FORMAT';
    return { error: { code: 'VALIDATION_FAILED', message: error.message, reason }, unexpected: false };
  }
  if (error instanceof MinaException && PASSTHROUGH.has(error.code)) {
    return { error: { code: error.code as SocketErrorCode, message: error.message }, unexpected: false };
  }
  return { error: { code: 'INTERNAL', message: 'Something went wrong on our side' }, unexpected: true };
}
