import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { TemplatesCoreModule } from '#src/templates/templates.module.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService } from './workspaces.service.js';

@Module({
  imports: [UsersModule, TemplatesCoreModule],
  controllers: [WorkspacesController, InvitationsController],
  providers: [WorkspacesRepository, WorkspacesService, InvitationsRepository, InvitationsService],
  exports: [WorkspacesRepository, WorkspacesService],
})
export class WorkspacesModule {}
