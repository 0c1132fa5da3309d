import { Inject, Injectable, Optional, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { clientIp } from '../common/client-ip.js';
import { MinaException } from '../common/mina.exception.js';
import { dependencyOutage, OUTAGE_RETRY_AFTER_SECONDS, outageMessage } from '../health/dependency-outage.js';
import { TENANT_KEY } from '../authz/tenant.js';
import { assertKeyMayCall, isApiKey } from './api-key-grant.js';
import { API_KEY_ALLOWED_KEY, API_KEY_VERIFIER, SIGN_IN_REQUIRED_KEY, type ApiKeyVerifier } from './api-key-verifier.js';
import { ACCESS_KEY, type Access } from './decorators.js';
import type { AuthUser } from './auth-user.js';

type KeyedRequest = { method: string; headers: { authorization?: string }; ip?: string; socket?: { remoteAddress?: string }; user?: AuthUser };

/** Global guard: every route is authenticated (an access token or a personal API key) unless declared @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(API_KEY_VERIFIER) private readonly apiKeys?: ApiKeyVerifier,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access === 'public') return true;
    if (access === 'signed-url' && context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query?.sig !== undefined) return true;
    const bearer = /^Bearer (\S+)$/.exec(context.switchToHttp().getRequest<KeyedRequest>().headers.authorization ?? '')?.[1];
    if (bearer !== undefined && isApiKey(bearer)) return this.withApiKey(context, bearer, access);
    return super.canActivate(context);
  }

  private async withApiKey(context: ExecutionContext, key: string, access: Access | undefined): Promise<boolean> {
    if (!this.apiKeys) throw new MinaException('TOKEN_INVALID', 'API keys are not accepted here');
    const req = context.switchToHttp().getRequest<KeyedRequest>();
    const user = await this.apiKeys.verify(key, clientIp(req)).catch((error: unknown) => {
      const outage = error instanceof MinaException ? undefined : dependencyOutage(error);
      throw outage ? new MinaException('SERVICE_UNAVAILABLE', outageMessage(outage), { dependency: outage, retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS }) : error;
    });
    const targets = [context.getHandler(), context.getClass()];
    assertKeyMayCall(user.apiKey, {
      method: req.method,
      tenantScoped: this.reflector.getAllAndOverride<unknown>(TENANT_KEY, targets) !== undefined,
      keyAllowed: this.reflector.getAllAndOverride<boolean | undefined>(API_KEY_ALLOWED_KEY, targets) === true,
      signInRequired: this.reflector.getAllAndOverride<boolean | undefined>(SIGN_IN_REQUIRED_KEY, targets) === true,
      instanceAdmin: access === 'instance-admin',
    });
    req.user = user;
    return true;
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
