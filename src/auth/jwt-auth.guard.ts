import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { MinaException } from '../common/mina.exception.js';
import { dependencyOutage, OUTAGE_RETRY_AFTER_SECONDS, outageMessage } from '../health/dependency-outage.js';
import { ACCESS_KEY, type Access } from './decorators.js';
import type { AuthUser } from './auth-user.js';

/** Global guard: every route is authenticated unless declared @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;
    if (access === 'signed-url' && context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query?.sig !== undefined) return true;
    return super.canActivate(context);
  }

  override handleRequest<T = AuthUser>(err: unknown, user: T | false, info: unknown, context: ExecutionContext): T {
    if (err) {
      if (err instanceof MinaException) throw err;
      // The token could not be checked (its user could not be read): not the caller's fault.
      const outage = dependencyOutage(err);
      if (outage) throw new MinaException('SERVICE_UNAVAILABLE', outageMessage(outage), { dependency: outage, retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS });
      throw new MinaException('TOKEN_INVALID', 'Access token is not valid');
    }
    if (!user) {
      const name = (info as { name?: string } | undefined)?.name;
      if (name === 'TokenExpiredError') throw new MinaException('TOKEN_EXPIRED', 'Access token has expired');
      if (info instanceof Error && info.message === 'No auth token') {
        throw new MinaException('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <accessToken>');
      }
      throw new MinaException('TOKEN_INVALID', 'Access token is not valid');
    }
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'instance-admin' && !(user as unknown as AuthUser).isInstanceAdmin) {
      throw new MinaException('FORBIDDEN', 'Only instance admins may do this');
    }
    return user;
  }
}
