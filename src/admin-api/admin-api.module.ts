import { Module } from '@nestjs/common';
import { AuditController } from '../audit/audit.controller.js';
import { WorkspaceAuditController } from '../audit/workspace-audit.controller.js';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { AiProvidersController } from '../ai/providers/ai-providers.controller.js';
import { AdminUsersController } from './admin-users.controller.js';

@Module({ imports: [UsersModule, AuthModule], controllers: [AdminUsersController, AuditController, WorkspaceAuditController, AiProvidersController] })
export class AdminApiModule {}
