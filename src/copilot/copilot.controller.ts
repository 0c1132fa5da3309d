import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { CopilotItemView } from '@mina/contract/copilot';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { CopilotService } from './copilot.service.js';

/** The live copilot's items of a session; pinning and dismissing need the right to edit the session. */
@ApiTags('copilot')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/sessions')
export class CopilotController {
  constructor(private readonly copilot: CopilotService) {}

  @Get(':id/copilot')
  @Can('read', 'Session')
  list(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
  ): Promise<CopilotItemView[]> {
    return this.copilot.list(tenant, id);
  }

  @Post(':id/copilot/:itemId/pin')
  @HttpCode(200)
  @Can('update', 'Session')
  pin(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
    @Param('itemId', new UuidPipe('Copilot item')) itemId: string,
  ): Promise<CopilotItemView> {
    return this.copilot.pin(tenant, id, itemId);
  }

  @Post(':id/copilot/:itemId/dismiss')
  @HttpCode(200)
  @Can('update', 'Session')
  dismiss(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
    @Param('itemId', new UuidPipe('Copilot item')) itemId: string,
  ): Promise<CopilotItemView> {
    return this.copilot.dismiss(tenant, id, itemId);
  }
}
