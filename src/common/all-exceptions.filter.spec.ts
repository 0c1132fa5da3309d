import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { describe, expect, it } from 'vitest';
import { toErrorBody } from './all-exceptions.filter.js';
import { MinaException } from './mina.exception.js';

describe('toErrorBody', () => {
  it.each([
    [new MinaException('DEPENDENCY_CYCLE', 'loop'), 409, 'DEPENDENCY_CYCLE', 'loop'],
    [new BadRequestException(['title must be a string', 'x should not exist']), 400, 'VALIDATION_FAILED', 'title must be a string; x should not exist'],
    [new NotFoundException('Cannot GET /nope'), 404, 'NOT_FOUND', 'Cannot GET /nope'],
    [new ThrottlerException(), 429, 'RATE_LIMITED', 'Too many requests; slow down'],
    [Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed', status: 400 }), 400, 'MALFORMED_JSON', 'Request body is not valid JSON'],
    [Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }), 413, 'PAYLOAD_TOO_LARGE', 'Request body is too large'],
    [Object.assign(new Error('incorrect header check'), { status: 400, expose: true }), 400, 'MALFORMED_BODY', 'Request body could not be read; check Content-Encoding and Content-Length'],
  ])('maps %s', (error, status, code, message) => {
    expect(toErrorBody(error, 'rid')).toMatchObject({ statusCode: status, code, message, requestId: 'rid' });
  });

  it('never echoes an unexpected error', () => {
    const body = toErrorBody(new Error('duplicate key value violates unique constraint "user_pkey" select * from user'), 'rid');
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL', message: 'Internal server error', requestId: 'rid' });
  });
});
