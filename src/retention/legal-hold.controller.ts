import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ClientIp } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { LegalHoldService } from './legal-hold.service.js';
import { LegalHoldDto } from './retention.dto.js';
import type { LegalHoldView } from '@mina/contract/retention';

/**
 * Owners and admins place a meeting, or a session on its own (many have no meeting), under legal
 * hold or release it; audited either way.
 */
@ApiTags('retention')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api')
export class LegalHoldController {
  constructor(private readonly holds: LegalHoldService) {}

  @Put('meetings/:id/legal-hold')
  @Can('update', 'Workspace')
  meeting(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Meeting')) id: string, @Body() dto: LegalHoldDto, @ClientIp() ip: string): Promise<LegalHoldView> {
    return this.holds.set(tenant, 'meeting', id, dto, ip);
  }

  @Put('sessions/:id/legal-hold')
  @Can('update', 'Workspace')
  session(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string, @Body() dto: LegalHoldDto, @ClientIp() ip: string): Promise<LegalHoldView> {
    return this.holds.set(tenant, 'session', id, dto, ip);
  }
}
