import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { WorkspaceRole } from '../workspaces/entities/membership.entity.js';
import type { AppAbility } from './ability.factory.js';

export interface TenantContext {
  workspaceId: string;
  role: WorkspaceRole;
  userId: string;
  ability: AppAbility;
}

export const TENANT_KEY = 'mina:tenant';
export interface TenantSource {
  from: 'header' | 'param';
  param?: string;
}

/** The workspace comes from X-Workspace-Id (default) or a route parameter; non-members get 404. */
export const TenantScoped = (source: TenantSource = { from: 'header' }) => SetMetadata(TENANT_KEY, source);

export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext => {
  const req = ctx.switchToHttp().getRequest<{ tenant?: TenantContext }>();
  if (!req.tenant) throw new Error('Tenant() used on a route that is not @TenantScoped');
  return req.tenant;
});
