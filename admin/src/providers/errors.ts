import type { ErrorCode } from '@mina/contract/errors';
import { HttpError } from 'react-admin';

/** Mina's error body: `{ statusCode, error, code, message, requestId }`. */
export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  /** One of the contract's codes (packages/contract/src/errors.ts): comparisons with it are checked. */
  code?: ErrorCode;
  message?: string | string[];
  requestId?: string;
  details?: { retryAfterSeconds?: number } & Record<string, unknown>;
  /** Added by the console from the response's Retry-After header (httpClient's responseError). */
  retryAfterSeconds?: number;
}

export function errorStatus(error: unknown): number | undefined {
  if (error instanceof HttpError) return error.status;
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

export function errorBody(error: unknown): ApiErrorBody | undefined {
  if (typeof error === 'object' && error !== null && 'body' in error) {
    const body = (error as { body: unknown }).body;
    if (typeof body === 'object' && body !== null) return body as ApiErrorBody;
  }
  return undefined;
}

export function errorCode(error: unknown): ErrorCode | undefined {
  return errorBody(error)?.code;
}

export function errorMessage(error: unknown): string {
  const message = errorBody(error)?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string' && message) return message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/** Seconds to wait before trying again (429, 503): the Retry-After header, else the body's details. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const body = errorBody(error);
  const seconds = body?.retryAfterSeconds ?? body?.details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** A feature that is not deployed on this server answers 404 on its whole route. */
export function isFeatureAbsent(error: unknown): boolean {
  return errorStatus(error) === 404;
}

/** The refresh token is dead (expired, revoked, or reused): the user must sign in again. */
export class SessionExpiredError extends Error {
  constructor(message = 'Your session has expired. Please sign in again.') {
    super(message);
    this.name = 'SessionExpiredError';
  }
}
