import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ClientIp } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { LegalHoldService, type LegalHoldView } from './legal-hold.service.js';
import { LegalHoldDto } from './retention.dto.js';

/** Owners and admins hold a session on its own (many have no meeting to hold); audited either way. */
@ApiTags('sessions')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/sessions')
export class SessionLegalHoldController {
  constructor(private readonly holds: LegalHoldService) {}

  @Put(':id/legal-hold')
  @Can('update', 'Workspace')
  set(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string, @Body() dto: LegalHoldDto, @ClientIp() ip: string): Promise<LegalHoldView> {
    return this.holds.set(tenant, 'session', id, dto, ip);
  }
}
