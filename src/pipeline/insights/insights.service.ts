import { Injectable } from '@nestjs/common';
import { AnalyticsRepository } from '#src/analytics/analytics.repository.js';
import type { Analytics } from '#src/analytics/entities/analytics.entity.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { notFound } from '#src/common/mina.exception.js';
import { toSegmentView } from '#src/sessions/sessions.service.js';
import { toTaskView } from '#src/tasks/tasks.service.js';
import type { Summary, SummaryItem } from '../entities/summary.entity.js';
import { ExtractedTasksRepository } from '../extracted-tasks.repository.js';
import { STAGES, type StageName } from '#src/jobs/jobs.js';
import { PipelineRepository } from '../pipeline.repository.js';
import { SummaryRepository } from '../summary.repository.js';
import type * as Views from '@mina/contract/views';

export type StageView = Views.StageView<Date>;
export type SummaryView = Views.SummaryView<Date>;

export type AnalyticsView = Views.AnalyticsView<Date>;

export type InsightsView = Views.InsightsView<Date>;

/** Speaker renames made after the pipeline ran still show: labels are mapped to names on read. */
const renamed = (names: Record<string, string>) => (items: SummaryItem[]) =>
  items.map((i) => (i.speaker && names[i.speaker] ? { ...i, speaker: names[i.speaker] } : i));

/** Per-speaker figures in `details.speakers` follow renames the same way as `talkTime`. */
function renamedDetails(details: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  const speakers = details.speakers;
  if (!Array.isArray(speakers)) return details;
  return {
    ...details,
    speakers: speakers.map((s: unknown) => {
      if (typeof s !== 'object' || s === null) return s;
      const label = (s as { speaker?: unknown }).speaker;
      return typeof label === 'string' && names[label] ? { ...s, speaker: names[label], label } : s;
    }),
  };
}

@Injectable()
export class InsightsService {
  constructor(
    private readonly pipeline: PipelineRepository,
    private readonly summaries: SummaryRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly tasks: ExtractedTasksRepository,
  ) {}

  async get(tenant: TenantContext, sessionId: string): Promise<InsightsView> {
    const session = await this.pipeline.findSession(tenant.workspaceId, sessionId);
    if (!session) throw notFound('Session');
    const [stages, segments, summary, analytics, tasks] = await Promise.all([
      this.pipeline.stages(session.id),
      this.pipeline.segments(session.id),
      this.summaries.forSession(tenant.workspaceId, session.id),
      this.analytics.forSession(tenant.workspaceId, session.id),
      this.tasks.forSession(tenant.workspaceId, session.id),
    ]);
    const names = session.speakerNames;
    const byStage = new Map(stages.map((s) => [s.stage, s]));
    const stageViews = Object.fromEntries(
      STAGES.map((name): [StageName, StageView] => {
        const s = byStage.get(name);
        return [
          name,
          {
            status: s?.status ?? 'pending',
            ...(s?.error && s.status === 'failed' ? { error: s.error } : {}),
            ...(s?.error && s.status === 'skipped' ? { reason: s.error } : {}),
            fallbackUsed: s?.fallbackUsed ?? false,
            provider: s?.provider ?? null,
            attempts: s?.attempts ?? 0,
            startedAt: s?.startedAt ?? null,
            finishedAt: s?.finishedAt ?? null,
          },
        ];
      }),
    ) as Record<StageName, StageView>;
    return {
      sessionId: session.id,
      status: session.status,
      ...(session.transcription ? { transcription: session.transcription } : {}),
      fallbackUsed: stages.some((s) => s.fallbackUsed),
      stages: stageViews,
      transcript: segments.map((s) => toSegmentView(s, names)),
      summary: summary ? this.summaryView(summary, names) : null,
      tasks: tasks.map(toTaskView),
      analytics: analytics ? this.analyticsView(analytics, names) : null,
    };
  }

  private summaryView(s: Summary, names: Record<string, string>): SummaryView {
    const map = renamed(names);
    return {
      overview: s.overview,
      keyPoints: map(s.keyPoints),
      decisions: map(s.decisions),
      risks: map(s.risks),
      questions: map(s.questions),
      template: s.template ?? null,
      sections: s.sections.map((section) => ({ ...section, items: map(section.items) })),
      model: s.model ?? null,
      provider: s.provider ?? null,
      fallbackUsed: s.fallbackUsed,
      language: s.language ?? null,
      requestedLanguage: s.requestedLanguage ?? null,
      updatedAt: s.updatedAt,
    };
  }

  private analyticsView(a: Analytics, names: Record<string, string>): AnalyticsView {
    return {
      status: a.status,
      talkTime: a.talkTime.map((t) => ({ ...t, speaker: names[t.speaker] ?? t.speaker })),
      wordsPerMinute: a.wordsPerMinute ?? null,
      turns: a.turns ?? null,
      sentiment: a.sentiment ?? null,
      engagement: a.engagement ?? null,
      topics: a.topics,
      details: renamedDetails(a.details, names),
      updatedAt: a.updatedAt,
    };
  }
}
