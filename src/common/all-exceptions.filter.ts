import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import * as Sentry from '@sentry/nestjs';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ERROR_STATUS, MinaException, type ErrorCode } from './mina.exception.js';
import { dependencyOutage, OUTAGE_RETRY_AFTER_SECONDS, outageMessage } from '#src/health/dependency-outage.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  requestId: string | undefined;
  details?: Record<string, unknown>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps any thrown value to the contract's error shape. Unknown errors are logged and reported, never echoed. */
export function toErrorBody(exception: unknown, requestId: string | undefined): ErrorBody {
  const body = (statusCode: number, code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody => ({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code,
    message,
    requestId,
    ...(details ? { details } : {}),
  });

  if (exception instanceof MinaException) return body(exception.status, exception.code, exception.message, exception.details);
  if (exception instanceof ThrottlerException) return body(429, 'RATE_LIMITED', 'Too many requests; slow down');
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let message = exception.message;
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const m = (response).message;
      message = Array.isArray(m) ? m.map(String).join('; ') : String(m);
    }
    const code = status === 400 && Array.isArray((response as { message?: unknown }).message)
      ? 'VALIDATION_FAILED'
      : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'));
    return body(status, code, status >= 500 ? 'Internal server error' : message);
  }
  const outage = dependencyOutage(exception);
  if (outage) return body(503, 'SERVICE_UNAVAILABLE', outageMessage(outage), { dependency: outage, retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS });
  // body-parser and friends throw plain errors with a status/type; map the ones clients cause.
  const e = exception as { status?: number; statusCode?: number; type?: string };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.parse.failed') return body(400, 'MALFORMED_JSON', 'Request body is not valid JSON');
  if (e?.type === 'entity.too.large' || status === 413) return body(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
  // A body that cannot be read at all (gzip that is not gzip, a truncated stream): body-parser wraps the cause in a 400 without a type.
  if (status === 400 && (exception as { expose?: unknown }).expose === true && !e.type) {
    return body(400, 'MALFORMED_BODY', 'Request body could not be read; check Content-Encoding and Content-Length');
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && e?.type) {
    return body(status, CODE_BY_STATUS[status] ?? 'BAD_REQUEST', 'Request could not be read');
  }
  return body(ERROR_STATUS.INTERNAL, 'INTERNAL', 'Internal server error');
}

function healthBody(exception: unknown): Record<string, unknown> | undefined {
  if (!(exception instanceof HttpException) || exception.getStatus() !== 503) return undefined;
  const response = exception.getResponse();
  return typeof response === 'object' && response !== null && 'details' in response ? response : undefined;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(exception, req.id);
    const retryAfter = body.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && !res.headersSent) res.setHeader('Retry-After', String(retryAfter));
    if (body.code === 'SERVICE_UNAVAILABLE' || body.code === 'AUTH_BUSY') {
      // An outage or a shed burst: expected, answered with Retry-After, not a bug to report.
      this.logger.warn({ requestId: req.id, code: body.code, details: body.details }, body.message);
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, 'Unhandled error');
      Sentry.withScope((scope) => {
        if (req.id) scope.setTag('request_id', req.id);
        Sentry.captureException(exception);
      });
    }
    if (res.headersSent) return;
    const health = healthBody(exception);
    if (health) {
      // Probes and dashboards read terminus's own shape: which dependency is down and why.
      res.status(503).json({ ...health, requestId: req.id });
      return;
    }
    res.status(body.statusCode).json(body);
  }
}
