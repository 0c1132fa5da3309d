import { MikroORM, RequestContext } from '@mikro-orm/core';

/** Runs `fn` in its own unit of work: for boot hooks, CLI commands and job processors, which have no HTTP request. */
export function withContext<T>(orm: MikroORM, fn: () => Promise<T>): Promise<T> {
  return RequestContext.create(orm.em, fn);
}
