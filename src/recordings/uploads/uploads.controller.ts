import { All, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { MinaException } from '#src/common/mina.exception.js';
import { CheckUploadDto } from './dto/check-upload.dto.js';
import { UploadsService, type UploadCheck } from './uploads.service.js';
import { UPLOAD_EXPOSED_HEADERS, UploadsTus } from './uploads.tus.js';

/**
 * `/api/uploads`: tus 1.0 resumable uploads behind the same guards as the REST API (Bearer,
 * X-Workspace-Id, a role that may create sessions), and the duplicate check.
 */
@ApiTags('uploads')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly tus: UploadsTus,
  ) {}

  /** Is this recording (by clientId, or by the file's sha256) already on the server, and in which session? */
  @Get('check')
  @Can('read', 'Session')
  check(@Tenant() tenant: TenantContext, @Query() query: CheckUploadDto): Promise<UploadCheck> {
    if (!query.clientId && !query.sha256) throw new MinaException('VALIDATION_FAILED', 'Send clientId or sha256');
    return this.uploads.check(tenant, query);
  }

  /** Creation (POST), offset (HEAD), bytes (PATCH), cancel (DELETE): the tus protocol, handled by @tus/server. */
  @All(['', ':id'])
  @Can('create', 'Session')
  @ApiExcludeEndpoint()
  async protocol(@Tenant() tenant: TenantContext, @Param('id') id: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    // A finished upload's file is gone once ingested (or found a duplicate): its row answers HEAD.
    if (req.method === 'HEAD' && id) {
      const row = await this.uploads.authorize(tenant, id);
      res.setHeader('Mina-Session-Id', row.sessionId);
      if (row.state !== 'uploading') {
        res.set({ 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(row.sizeBytes), 'Upload-Length': String(row.sizeBytes), 'Access-Control-Expose-Headers': ['Upload-Offset', 'Upload-Length', 'Tus-Resumable', ...UPLOAD_EXPOSED_HEADERS].join(', ') });
        res.status(200).end();
        return;
      }
    }
    await this.tus.handle(req, res);
    // The last bytes of a PATCH that stopped (or finished short of the end) are progress too.
    if (req.method === 'PATCH' && id) await this.uploads.recordOffset(id).catch(() => undefined);
  }
}
