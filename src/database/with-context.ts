import { MikroORM, RequestContext } from '@mikro-orm/core';

/**
 * Runs `fn` in its own unit of work: for boot hooks, CLI commands, job processors and socket
 * events, which have no HTTP request. Async so that whatever throws synchronously (in `fn`'s first
 * turn, or in forking the context) rejects the promise instead of escaping into the caller's event
 * listener, where it would be an uncaught exception.
 */
export async function withContext<T>(orm: MikroORM, fn: () => Promise<T>): Promise<T> {
  return RequestContext.create(orm.em, fn);
}
