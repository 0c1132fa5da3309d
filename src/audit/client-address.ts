import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { clientIp } from '../common/client-ip.js';

const store = new AsyncLocalStorage<{ ip: string }>();

/** The address of the HTTP request being served, as Express derives it under `trust proxy` (the same as `@ClientIp()`). */
export const currentClientAddress = (): string | undefined => store.getStore()?.ip;

/**
 * Remembers each request's client address for the audit log, so an entry written deep in a service
 * (a role change, a settings patch) carries the address without every signature passing it along.
 */
@Injectable()
export class ClientAddressMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    store.run({ ip: clientIp(req) }, next);
  }
}
