import { ConnectionException } from '@mikro-orm/core';

export type Dependency = 'database' | 'redis';

/** How long a client should wait before retrying a request refused because a dependency is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// Network failures, and PostgreSQL's "connection exception" class (08) and shutdown codes (57P01-03).
const NAMES: Record<Dependency, string> = { database: 'The database', redis: 'Redis' };
export const outageMessage = (dependency: Dependency): string => `${NAMES[dependency]} is unreachable; try again shortly`;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const PG_CODES = /^(08...|57P0[123])$/;
const PG_MESSAGES = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|terminating connection/i;
// ioredis: retries per request exhausted, closed connection, no answer in commandTimeout, offline queue off.
const REDIS_MESSAGES = /^(Reached the max retries per request limit|Connection is closed|Command timed out|Stream isn't writeable)/;

function* chain(error: unknown): Generator<Record<string, unknown>> {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    yield current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * Which dependency an error says is unreachable, if any. Such errors are the platform's
 * problem, not the caller's: they become 503 with a Retry-After, never 500 or a 4xx that blames
 * the request (a valid token is not "invalid" because the database is restarting).
 */
export function dependencyOutage(error: unknown): Dependency | undefined {
  for (const e of chain(error)) {
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    const code = typeof e.code === 'string' ? e.code : '';
    if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) return 'redis';
    if (e instanceof ConnectionException || PG_CODES.test(code) || PG_MESSAGES.test(message)) return 'database';
    // A bare socket error: ioredis reports its own as the errors above, so this is PostgreSQL's pool.
    if (NETWORK_CODES.has(code)) return 'database';
  }
  return undefined;
}
