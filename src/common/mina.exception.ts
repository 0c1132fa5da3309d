// The table of codes is part of the contract with clients: packages/contract/src/errors.ts.
import { ERROR_STATUS, type ErrorCode } from '@mina/contract';

export { ERROR_STATUS, type ErrorCode };

export class MinaException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MinaException';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string): MinaException => new MinaException('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this action'): MinaException =>
  new MinaException('FORBIDDEN', message);

/** A per-user or per-workspace quota from `MinaConfig.limits` would be exceeded; details say which and how far. */
export const quotaExceeded = (quota: string, limit: number, message: string): MinaException =>
  new MinaException('QUOTA_EXCEEDED', message, { quota, limit });
