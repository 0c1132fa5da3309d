import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import type { WorkspaceRole } from '@mina/contract/records';
import { defineAbilityFor, INSTANCE_ADMIN_ROLE, packAbility } from '@mina/contract/roles';
import type * as Views from '@mina/contract/views';
import { toUserView, UsersService } from './users.service.js';

export type MeView = Views.MeView<Date>;

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
    // The abilities the tenant guard builds for this caller, so the console decides as the API will.
    const rules = (role?: WorkspaceRole) => packAbility(defineAbilityFor({ userId: caller.id, isInstanceAdmin: caller.isInstanceAdmin, role }));
    return {
      ...toUserView(user),
      memberships: memberships.map((m) => ({
        workspaceId: m.workspace.id,
        workspaceName: m.workspace.name,
        workspaceSlug: m.workspace.slug,
        role: m.role,
        rules: rules(m.role),
      })),
      // Elsewhere: what the tenant guard applies where they are no member (effectiveRole).
      rules: rules(caller.isInstanceAdmin ? INSTANCE_ADMIN_ROLE : undefined),
    };
  }
}
