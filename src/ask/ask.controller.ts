import { Body, Controller, Delete, Get, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type {
  AskAnswer,
  AskConversationView,
  AskStreamEvent,
  AskTurnView,
  RetrieveResult,
} from '@mina/contract/ask';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { toErrorBody } from '#src/common/all-exceptions.filter.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import type { ListQuery } from '#src/common/list-query.js';
import { notFound } from '#src/common/mina.exception.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { AskService, type AskSink } from './answer/ask.service.js';
import { AskRateLimiter } from './ask-rate-limiter.js';
import { AskConversationsRepository } from './conversations/ask-conversations.repository.js';
import { AskDto, RetrieveDto } from './dto/ask.dto.js';
import { AskRetriever } from './retrieval/ask-retriever.service.js';
import { toPassageView } from './retrieval/passages.js';

const DEFAULT_RETRIEVE_LIMIT = 10;

const sseEvent = (event: AskStreamEvent, data: unknown): string =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

@ApiTags('ask')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/ask')
export class AskController {
  private readonly logger = new Logger(AskController.name);

  constructor(
    private readonly retriever: AskRetriever,
    private readonly asker: AskService,
    private readonly conversations: AskConversationsRepository,
    private readonly rate: AskRateLimiter,
  ) {}

  /**
   * An answer from the meetings' own words, each sentence citing the segments it rests on. With
   * `Accept: text/event-stream` it streams: `meta`, `delta`…, `citations`, then `done` (the whole
   * answer) or `error`; a client that goes away stops the model.
   */
  @Post()
  @HttpCode(200)
  @Can('read', 'Segment')
  @ApiProduces('application/json', 'text/event-stream')
  async ask(
    @Tenant() tenant: TenantContext,
    @Body() dto: AskDto,
    @Req() req: Request & { id?: string },
    @Res() res: Response,
  ): Promise<void> {
    await this.rate.take(tenant.userId);
    if (!(req.headers.accept ?? '').includes('text/event-stream')) {
      res.status(200).json(
        await this.asker.ask(tenant, dto, {
          meta: () => undefined,
          delta: () => undefined,
          citations: () => undefined,
        }),
      );
      return;
    }
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) gone.abort(new Error('The client went away'));
    });
    const send = (event: AskStreamEvent, data: unknown) => {
      if (!res.headersSent) {
        res.status(200).set({
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          'X-Accel-Buffering': 'no',
        });
        res.flushHeaders();
      }
      if (!res.writableEnded && !res.destroyed) res.write(sseEvent(event, data));
    };
    const sink: AskSink = {
      meta: (d) => send('meta', d),
      delta: (d) => send('delta', d),
      citations: (d) => send('citations', d),
    };
    let answer: AskAnswer;
    try {
      answer = await this.asker.ask(tenant, dto, sink, gone.signal);
    } catch (error) {
      if (gone.signal.aborted) return;
      // Before the first event the error is an ordinary JSON error response (404, 400…).
      if (!res.headersSent) throw error;
      const body = toErrorBody(error, req.id);
      if (body.statusCode >= 500)
        this.logger.error(`Ask stream failed: ${(error as Error).stack ?? String(error)}`);
      send('error', { code: body.code, message: body.message });
      res.end();
      return;
    }
    send('done', answer);
    res.end();
  }

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

  /** The caller's own conversations in this workspace, most recently active first. */
  @Get('conversations')
  @Can('read', 'Segment')
  @ApiListQuery()
  async list(
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: AskConversationsRepository.sortable, defaultSort: ['updatedAt', 'DESC'] })
    query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AskConversationView[]> {
    return sendPage(
      res,
      'conversations',
      query,
      await this.conversations.list(tenant.workspaceId, tenant.userId, query),
    );
  }

  /** One of the caller's conversations with its turns, oldest first; anyone else's is 404. */
  @Get('conversations/:id')
  @Can('read', 'Segment')
  async get(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Conversation')) id: string,
  ): Promise<AskConversationView & { turns: AskTurnView[] }> {
    const conversation = await this.conversations.find(tenant.workspaceId, tenant.userId, id);
    if (!conversation) throw notFound('Conversation');
    return { ...conversation, turns: await this.conversations.turns(id) };
  }

  @Delete('conversations/:id')
  @HttpCode(204)
  @Can('read', 'Segment')
  async remove(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Conversation')) id: string,
  ): Promise<void> {
    if (!(await this.conversations.remove(tenant.workspaceId, tenant.userId, id)))
      throw notFound('Conversation');
  }
}
