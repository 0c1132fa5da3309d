import { ConnectionException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { toErrorBody } from '#src/common/all-exceptions.filter.js';
import { dependencyOutage } from './dependency-outage.js';

const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('dependencyOutage', () => {
  it.each([
    [err('Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.', { name: 'MaxRetriesPerRequestError' }), 'redis'],
    [err('Connection is closed.'), 'redis'],
    [err('Command timed out'), 'redis'],
    [err('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }), 'database'],
    [new ConnectionException(err('boom')), 'database'],
    [err('terminating connection due to administrator command', { code: '57P01' }), 'database'],
    [err('the database system is starting up', { code: '57P03' }), 'database'],
    [err('wrapped', { cause: err('Connection terminated unexpectedly') }), 'database'],
    [err('duplicate key value violates unique constraint', { code: '23505' }), undefined],
    [err('Cannot read properties of undefined'), undefined],
    ['a string', undefined],
  ])('%s → %s', (error, expected) => {
    expect(dependencyOutage(error)).toBe(expected);
  });

  it('becomes a 503 with the dependency and a retry hint, never the driver message', () => {
    const body = toErrorBody(err('connect ECONNREFUSED 10.0.0.5:5432', { code: 'ECONNREFUSED' }), 'rid');
    expect(body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', details: { dependency: 'database', retryAfterSeconds: 5 } });
    expect(JSON.stringify(body)).not.toContain('10.0.0.5');
  });
});
