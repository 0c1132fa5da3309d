import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '#src/audit/audit.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { MAX_PAGE_SIZE } from '#src/common/list-query.js';
import { MinaException } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { MeetingsService } from '#src/meetings/meetings.service.js';
import { InsightsService } from '#src/pipeline/insights/insights.service.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService, toSessionView } from '#src/sessions/sessions.service.js';
import { WorkspacesRepository } from '#src/workspaces/workspaces.repository.js';
import type { InsightsView } from '#src/pipeline/insights/insights.service.js';
import { attachmentHeader, exportBaseName } from './content-disposition.js';
import { renderDocx } from './docx-renderer.js';
import { sessionDocument, toExportSession, type ExportDocument, type ExportSession } from './export-document.js';
import { EXPORT_FORMATS, type ExportFormat } from '@mina/contract/exports';
import { renderPdf } from './pdf-renderer.js';
import { renderJson, renderMarkdown, renderSrt, renderTxt, renderVtt } from './text-renderers.js';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Seconds a client is told to wait when every DOCX/PDF renderer is busy: one render of a long meeting. */
const BUSY_RETRY_AFTER_SECONDS = 5;

export interface ExportActor {
  tenant: TenantContext;
  ip: string;
}

/** `GET /api/sessions/:id/export` and `GET /api/meetings/:id/export`: one document model, seven renderers. */
@Injectable()
export class ExportsService {
  /** DOCX and PDF renders running in this process (each holds a whole document's layout). */
  private heavy = 0;

  constructor(
    private readonly sessions: SessionsService,
    private readonly sessionsRepo: SessionsRepository,
    private readonly meetings: MeetingsService,
    private readonly insights: InsightsService,
    private readonly audit: AuditService,
    private readonly workspaces: WorkspacesRepository,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  static parseFormat(value: unknown, allowed: readonly ExportFormat[] = EXPORT_FORMATS): ExportFormat {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as ExportFormat;
    const subtitles = typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
    throw new MinaException(
      'EXPORT_FORMAT_UNKNOWN',
      subtitles ? `A meeting exports as ${allowed.join(', ')}; export its sessions one by one as ${String(value)}` : `format must be one of ${allowed.join(', ')}`,
      { allowed },
    );
  }

  async exportSession(actor: ExportActor, id: string, format: ExportFormat, res: Response): Promise<void> {
    const session = await this.loadSession(actor.tenant, id);
    await this.send(actor, `session:${id}`, sessionDocument(session), format, res);
  }

  async exportMeeting(actor: ExportActor, id: string, format: ExportFormat, res: Response): Promise<void> {
    const meeting = await this.meetings.get(actor.tenant, id);
    const page = await this.sessionsRepo.list(actor.tenant.workspaceId, {
      filter: { meetingId: meeting.id },
      sort: { field: 'createdAt', order: 'ASC' },
      range: { start: 0, end: MAX_PAGE_SIZE - 1 },
    });
    const inOrder = [...page.items].sort((a, b) => (a.startedAt ?? a.createdAt).getTime() - (b.startedAt ?? b.createdAt).getTime());
    const all: InsightsView[] = [];
    for (const s of inOrder) all.push(await this.insights.get(actor.tenant, s.id));
    const names = await this.memberNames(actor.tenant, all);
    const sessions = inOrder.map((s, i) => toExportSession(toSessionView(s), all[i], names));
    const participants = [...new Set([...meeting.participants.map((p) => p.name), ...sessions.flatMap((s) => s.speakers)])];
    const doc: ExportDocument = {
      kind: 'meeting',
      title: meeting.title,
      date: meeting.scheduledStart ?? sessions[0]?.startedAt ?? meeting.createdAt,
      participants,
      sessions,
      meeting: { id: meeting.id, scheduledStart: meeting.scheduledStart },
    };
    await this.send(actor, `meeting:${id}`, doc, format, res);
  }

  private async loadSession(tenant: TenantContext, id: string): Promise<ExportSession> {
    const view = await this.sessions.get(tenant, id);
    const insights = await this.insights.get(tenant, id);
    return toExportSession(view, insights, await this.memberNames(tenant, [insights]));
  }

  /** Names of the members tasks are assigned to (read only when a task has one). */
  private async memberNames(tenant: TenantContext, insights: InsightsView[]): Promise<Map<string, string>> {
    if (!insights.some((i) => i.tasks.some((t) => t.assignedToId))) return new Map();
    return new Map((await this.workspaces.memberDirectory(tenant.workspaceId)).map((m) => [m.userId, m.name]));
  }

  private async send(actor: ExportActor, target: string, doc: ExportDocument, format: ExportFormat, res: Response): Promise<void> {
    const heavy = format === 'pdf' || format === 'docx';
    if (heavy && this.heavy >= this.config.exportMaxConcurrent) {
      throw new MinaException('EXPORT_BUSY', `${this.heavy} DOCX/PDF exports are being rendered, the most this server renders at once; try again shortly`, {
        retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
        limit: this.config.exportMaxConcurrent,
      });
    }
    if (heavy) this.heavy++;
    try {
      await this.audit.record({ actorId: actor.tenant.userId, action: `${doc.kind}.exported`, target, workspaceId: actor.tenant.workspaceId, ip: actor.ip, data: { format } });
      res.status(200);
      res.setHeader('Content-Type', CONTENT_TYPES[format]);
      res.setHeader('Content-Disposition', attachmentHeader(exportBaseName(doc.title, doc.date), format));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (format === 'docx') {
        const body = await renderDocx(doc);
        res.setHeader('Content-Length', String(body.length));
        res.end(body);
      } else if (format === 'pdf') {
        await renderPdf(doc, res);
      } else {
        await pipeline(Readable.from(this.text(doc, format), { objectMode: false }), res);
      }
    } finally {
      if (heavy) this.heavy--;
    }
  }

  private text(doc: ExportDocument, format: Exclude<ExportFormat, 'docx' | 'pdf'>): AsyncGenerator<string> {
    switch (format) {
      case 'txt':
        return renderTxt(doc);
      case 'md':
        return renderMarkdown(doc);
      case 'json':
        return renderJson(doc, new Date());
      case 'srt':
        return renderSrt(doc.sessions[0]);
      case 'vtt':
        return renderVtt(doc.sessions[0]);
    }
  }
}

