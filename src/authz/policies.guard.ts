import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '../auth/auth-user.js';
import { forbidden } from '../common/mina.exception.js';
import { defineAbilityFor } from './ability.factory.js';
import { POLICIES_KEY, type PolicyHandler } from './check-policies.decorator.js';
import type { TenantContext } from './tenant.js';

@Injectable()
export class PoliciesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const handlers = this.reflector.get<PolicyHandler[] | undefined>(POLICIES_KEY, context.getHandler());
    if (!handlers?.length) return true;
    const req = context.switchToHttp().getRequest<{ user?: AuthUser; tenant?: TenantContext }>();
    if (!req.user) return false;
    const ability =
      req.tenant?.ability ?? defineAbilityFor({ userId: req.user.id, isInstanceAdmin: req.user.isInstanceAdmin });
    if (!handlers.every((handler) => handler(ability))) throw forbidden();
    return true;
  }
}
