import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import type { WorkspaceRole } from '../workspaces/entities/membership.entity.js';
import { toUserView, UsersService, type UserView } from './users.service.js';

export interface MeView extends UserView {
  memberships: { workspaceId: string; workspaceName: string; workspaceSlug: string; role: WorkspaceRole }[];
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesRepository,
  ) {}

  @Get()
  @Authenticated()
  async me(@CurrentUser() caller: AuthUser): Promise<MeView> {
    const [user, memberships] = await Promise.all([this.users.get(caller.id), this.workspaces.membershipsOf(caller.id)]);
    return {
      ...toUserView(user),
      memberships: memberships.map((m) => ({
        workspaceId: m.workspace.id,
        workspaceName: m.workspace.name,
        workspaceSlug: m.workspace.slug,
        role: m.role,
      })),
    };
  }
}
