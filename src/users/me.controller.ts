import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { clampRole } from '../auth/api-key-grant.js';
import { ApiKeyAllowed } from '../auth/api-key-verifier.js';
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

  /** With an API key: only the key's workspace, with the role the key acts with (never the user's other workspaces). */
  @Get()
  @Authenticated()
  @ApiKeyAllowed()
  async me(@CurrentUser() caller: AuthUser): Promise<MeView> {
    const [user, memberships] = await Promise.all([this.users.get(caller.id), this.workspaces.membershipsOf(caller.id)]);
    const key = caller.apiKey;
    return {
      ...toUserView(user),
      memberships: memberships
        .filter((m) => !key || m.workspace.id === key.workspaceId)
        .map((m) => ({
          workspaceId: m.workspace.id,
          workspaceName: m.workspace.name,
          workspaceSlug: m.workspace.slug,
          role: clampRole(m.role, key) ?? m.role,
        })),
    };
  }
}
