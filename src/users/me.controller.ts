import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { clampRole } from '../auth/api-key-grant.js';
import { ApiKeyAllowed } from '../auth/api-key-verifier.js';
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

  /** With an API key: only the key's workspace, with the role the key acts with (never the user's other workspaces). */
  @Get()
  @Authenticated()
  @ApiKeyAllowed()
  async me(@CurrentUser() caller: AuthUser): Promise<MeView> {
    const [user, memberships] = await Promise.all([this.users.get(caller.id), this.workspaces.membershipsOf(caller.id)]);
    // The abilities the tenant guard builds for this caller, so the console decides as the API will.
    const rules = (role?: WorkspaceRole) => packAbility(defineAbilityFor({ userId: caller.id, isInstanceAdmin: caller.isInstanceAdmin, role }));
    // A key acts only in its own workspace, at most at its scopes' role.
    const key = caller.apiKey;
    return {
      ...toUserView(user),
      memberships: memberships
        .filter((m) => !key || m.workspace.id === key.workspaceId)
        .map((m) => {
          const role = clampRole(m.role, key) ?? m.role;
          return { workspaceId: m.workspace.id, workspaceName: m.workspace.name, workspaceSlug: m.workspace.slug, role, rules: rules(role) };
        }),
      // Elsewhere: what the tenant guard applies where they are no member (effectiveRole).
      rules: rules(caller.isInstanceAdmin && !key ? INSTANCE_ADMIN_ROLE : undefined),
    };
  }
}
