import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ClientIp } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { LegalHoldService, type LegalHoldView } from './legal-hold.service.js';
import { LegalHoldDto } from './retention.dto.js';

/** Owners and admins place a meeting under legal hold or release it; audited either way. */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/meetings')
export class LegalHoldController {
  constructor(private readonly holds: LegalHoldService) {}

  @Put(':id/legal-hold')
  @Can('update', 'Workspace')
  set(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Meeting')) id: string, @Body() dto: LegalHoldDto, @ClientIp() ip: string): Promise<LegalHoldView> {
    return this.holds.set(tenant, 'meeting', id, dto, ip);
  }
}
