import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { PoliciesGuard } from './policies.guard.js';
import { TenantGuard } from './tenant.guard.js';

@Module({ imports: [WorkspacesModule], providers: [TenantGuard, PoliciesGuard], exports: [TenantGuard, PoliciesGuard] })
export class AuthzModule {}
