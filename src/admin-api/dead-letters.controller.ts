import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '#src/auth/auth-user.js';
import { ClientIp, CurrentUser, InstanceAdmin } from '#src/auth/decorators.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import { type ListQuery } from '#src/common/list-query.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { DeadLettersRepository } from '#src/jobs/dead-letters/dead-letters.repository.js';
import { DeadLettersService, type DeadLetterView } from '#src/pipeline/dead-letters/dead-letters.service.js';

/** Jobs that failed for good, across queues; retry and discard are audited. */
@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @InstanceAdmin()
  @ApiListQuery()
  async list(
    @ListParams({ sortable: DeadLettersRepository.sortable, defaultSort: ['failedAt', 'DESC'], textIds: ['jobId'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeadLetterView[]> {
    return sendPage(res, 'dead-letters', query, await this.deadLetters.list(query));
  }

  @Get(':id')
  @InstanceAdmin()
  get(@Param('id', new UuidPipe('Dead letter')) id: string): Promise<DeadLetterView> {
    return this.deadLetters.get(id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @InstanceAdmin()
  retry(@CurrentUser() actor: AuthUser, @Param('id', new UuidPipe('Dead letter')) id: string, @ClientIp() ip: string): Promise<{ id: string; jobId: string }> {
    return this.deadLetters.retry(id, { userId: actor.id, ip });
  }

  @Delete(':id')
  @HttpCode(204)
  @InstanceAdmin()
  async discard(@CurrentUser() actor: AuthUser, @Param('id', new UuidPipe('Dead letter')) id: string, @ClientIp() ip: string): Promise<void> {
    await this.deadLetters.discard(id, { userId: actor.id, ip });
  }
}
