import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '#src/auth/auth-user.js';
import { ClientIp, CurrentUser, InstanceAdmin } from '#src/auth/decorators.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import { type ListQuery } from '#src/common/list-query.js';
import { MinaException } from '#src/common/mina.exception.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { BackupException } from './backup.exception.js';
import type { BackupListItem, BackupManifest } from './backup-manifest.js';
import { BackupJobs } from './backup.jobs.js';
import { BackupVerifier, type VerifyResult } from './backup.verifier.js';
import { BackupsService } from './backups.service.js';

/** Domain errors that reach HTTP: an unknown id is 404, a backup in the wrong state 409. */
async function http<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof BackupException)) throw error;
    throw new MinaException(error.reason === 'not-found' ? 'NOT_FOUND' : 'CONFLICT', error.reason === 'not-found' ? 'Backup not found' : error.message);
  }
}

/** Instance admins: list backups, run one now, verify one. Restores are a CLI job (see ops/runbooks/restore.md). */
@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin/backups')
export class BackupsController {
  constructor(
    private readonly backups: BackupsService,
    private readonly jobs: BackupJobs,
    private readonly verifier: BackupVerifier,
  ) {}

  @Get()
  @InstanceAdmin()
  @ApiListQuery()
  async list(
    @ListParams({ sortable: BackupsService.sortable, defaultSort: ['createdAt', 'DESC'], textIds: ['id'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BackupListItem[]> {
    return sendPage(res, 'backups', query, await this.backups.list(query));
  }

  @Get(':id')
  @InstanceAdmin()
  get(@Param('id', new UuidPipe('Backup')) id: string): Promise<BackupManifest> {
    return http(this.backups.get(id));
  }

  /** 202 with the id at once; the backup runs on a worker. Poll GET /:id for its status. */
  @Post()
  @HttpCode(202)
  @InstanceAdmin()
  create(@CurrentUser() actor: AuthUser, @ClientIp() ip: string): Promise<{ id: string }> {
    return this.jobs.request({ actorId: actor.id, ip });
  }

  @Post(':id/verify')
  @HttpCode(200)
  @InstanceAdmin()
  verify(@CurrentUser() actor: AuthUser, @Param('id', new UuidPipe('Backup')) id: string, @ClientIp() ip: string): Promise<VerifyResult> {
    return http(this.verifier.verify(id, { actorId: actor.id, ip }));
  }
}
