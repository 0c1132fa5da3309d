import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientIp } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { CONTENT_TYPES, ExportsService } from './exports.service.js';
import { EXPORT_FORMATS, MEETING_EXPORT_FORMATS } from '@mina/contract/exports';

@ApiTags('exports')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** The session as a file: summary, decisions, action items and the transcript (renames applied), or subtitles. */
  @Get('sessions/:id/export')
  @Can('read', 'Session')
  @ApiQuery({ name: 'format', enum: EXPORT_FORMATS })
  @ApiProduces(...new Set(Object.values(CONTENT_TYPES)))
  async session(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
    @Query('format') format: unknown,
    @ClientIp() ip: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.exportSession({ tenant, ip }, id, ExportsService.parseFormat(format), res);
  }

  /** The meeting as one document, its sessions in order (subtitles are per session). */
  @Get('meetings/:id/export')
  @Can('read', 'Meeting')
  @ApiQuery({ name: 'format', enum: MEETING_EXPORT_FORMATS })
  async meeting(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Meeting')) id: string,
    @Query('format') format: unknown,
    @ClientIp() ip: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.exportMeeting({ tenant, ip }, id, ExportsService.parseFormat(format, MEETING_EXPORT_FORMATS), res);
  }
}
