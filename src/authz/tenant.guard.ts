import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthCacheService } from '#src/auth/auth-cache.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { MinaException } from '../common/mina.exception.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { defineAbilityFor } from './ability.factory.js';
import { effectiveRole } from './effective-role.js';
import { TENANT_KEY, type TenantContext, type TenantSource } from './tenant.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TenantRequest = {
  user?: AuthUser;
  tenant?: TenantContext;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
};

/** Resolves the workspace a tenant route is about and the caller's role in it. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly workspaces: WorkspacesRepository,
    private readonly cache: AuthCacheService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const source = this.reflector.getAllAndOverride<TenantSource | undefined>(TENANT_KEY, [context.getHandler(), context.getClass()]);
    if (!source) return true;
    const req = context.switchToHttp().getRequest<TenantRequest>();
    if (!req.user) return true;

    let workspaceId: string | undefined;
    if (source.from === 'param') {
      workspaceId = req.params[source.param ?? 'id'];
    } else {
      const header = req.headers['x-workspace-id'];
      workspaceId = Array.isArray(header) ? header[0] : header;
      if (!workspaceId) throw new MinaException('WORKSPACE_REQUIRED', 'Send the workspace in the X-Workspace-Id header');
    }
    if (!workspaceId || !UUID.test(workspaceId)) throw new MinaException('NOT_FOUND', 'Workspace not found');

    const effective = await effectiveRole(this.workspaces, this.cache, workspaceId, req.user);
    if (!effective) throw new MinaException('NOT_FOUND', 'Workspace not found');
    req.tenant = {
      workspaceId,
      role: effective,
      userId: req.user.id,
      ability: defineAbilityFor({ userId: req.user.id, isInstanceAdmin: req.user.isInstanceAdmin, role: effective }),
    };
    return true;
  }
}
