import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { RetrieveResult } from '@mina/contract/ask';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { AskRateLimiter } from './ask-rate-limiter.js';
import { RetrieveDto } from './dto/ask.dto.js';
import { AskRetriever } from './retrieval/ask-retriever.service.js';
import { toPassageView } from './retrieval/passages.js';

const DEFAULT_RETRIEVE_LIMIT = 10;

@ApiTags('ask')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/ask')
export class AskController {
  constructor(
    private readonly retriever: AskRetriever,
    private readonly rate: AskRateLimiter,
  ) {}

  /** The ranked passages an answer would be built from, best first. */
  @Post('retrieve')
  @HttpCode(200)
  @Can('read', 'Segment')
  async retrieve(@Tenant() tenant: TenantContext, @Body() dto: RetrieveDto): Promise<RetrieveResult> {
    await this.rate.take(tenant.userId);
    const passages = await this.retriever.retrieve(
      tenant.workspaceId,
      dto,
      dto.limit ?? DEFAULT_RETRIEVE_LIMIT,
    );
    return { passages: passages.map(toPassageView) };
  }
}
