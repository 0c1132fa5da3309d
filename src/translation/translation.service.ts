import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Job } from 'bullmq';
import { createHash } from 'node:crypto';
import { LlmClient } from '#src/ai/llm/llm.client.js';
import { LlmInvalidOutputError, LlmUnavailableError } from '#src/ai/llm/llm.errors.js';
import { TranslationIncompleteError, Translator } from '#src/ai/translator.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { JobQueues } from '#src/jobs/job-queues.js';
import { JobWorkers } from '#src/jobs/job-workers.js';
import type { TranslateJobData } from '#src/jobs/jobs.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { Summary } from '#src/pipeline/entities/summary.entity.js';
import { PipelineRepository, type SegmentRow } from '#src/pipeline/pipeline.repository.js';
import { SummaryRepository } from '#src/pipeline/summary.repository.js';
import type { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { WindowCounters } from '#src/redis/window-counters.js';
import {
  isTranslationLanguage,
  type TranslatedSummary,
  type TranslationView,
} from '@mina/contract/translation';
import type { Translation } from './translation.entity.js';
import { TranslationRepository } from './translation.repository.js';

const HOUR_S = 3_600;
/** A translation pending or running this long lost its job (a crash): a new request starts it again. */
const STUCK_AFTER_MS = 30 * 60_000;
const stuck = (row: Translation): boolean =>
  (row.status === 'pending' || row.status === 'running') &&
  Date.now() - row.updatedAt.getTime() > STUCK_AFTER_MS;

/** What a translation is made from: the final segments (refined text where there is one) and the summary. */
interface Source {
  segments: SegmentRow[];
  speakerNames: Record<string, string>;
  summary: Summary | null;
  hash: string;
  chars: number;
}

const summaryTexts = (s: Summary) => ({
  overview: s.overview,
  keyPoints: s.keyPoints.map((i) => i.text),
  decisions: s.decisions.map((i) => i.text),
  risks: s.risks.map((i) => i.text),
  questions: s.questions.map((i) => i.text),
});

/** The hash of exactly what is translated: a speaker rename changes nothing, a re-refinement or a new summary does. */
function sourceHash(segments: SegmentRow[], summary: Summary | null): string {
  const hash = createHash('sha256');
  for (const s of segments) hash.update(`${s.id}\u0000${s.refinedText ?? s.text}\u0001`);
  hash.update(JSON.stringify(summary ? summaryTexts(summary) : null));
  return hash.digest('hex');
}

/**
 * `POST/GET /api/sessions/:id/translations[/:language]`: starts a translation as a `translate`
 * job (a long meeting takes many LLM calls), serves it from its row once made, and makes it again
 * only when the transcript or summary changed. No AI, no translation: 503, never the original
 * passed off as translated.
 */
@Injectable()
export class TranslationService {
  private readonly logger = new Logger(TranslationService.name);

  constructor(
    private readonly repo: TranslationRepository,
    private readonly pipeline: PipelineRepository,
    private readonly summaries: SummaryRepository,
    private readonly llm: LlmClient,
    private readonly translator: Translator,
    private readonly queues: JobQueues,
    private readonly counters: WindowCounters,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    @Optional() workers?: JobWorkers,
  ) {
    // A job lost for good (stalled past its limit, or failed by something the handler never saw) fails its translation, so asking again retries it.
    workers?.onFailedForGood(async (job) => {
      if (job.name !== 'translate') return;
      const data = job.data as TranslateJobData;
      await this.repo.fail(
        data.translationId,
        data.sourceHash,
        `The translation job failed: ${job.failedReason ?? 'unknown reason'}`,
      );
    });
  }

  static parseLanguage(value: unknown): string {
    if (isTranslationLanguage(value)) return value;
    throw new MinaException(
      'TRANSLATION_LANGUAGE_UNKNOWN',
      'language must be a code Mina translates into (see TRANSLATION_LANGUAGES), such as fr or pt',
      { field: 'language' },
    );
  }

  /** Answers the translation and whether this request started it (202) or found it made or under way (200). */
  async request(
    tenant: TenantContext,
    sessionId: string,
    language: string,
  ): Promise<{ view: TranslationView; started: boolean }> {
    const source = await this.source(tenant.workspaceId, sessionId);
    const made = await this.repo.find(tenant.workspaceId, sessionId, language);
    // Made (or being made) from this very source: served from the cache, no AI needed.
    if (made && made.sourceHash === source.hash && made.status !== 'failed' && !stuck(made))
      return { view: this.view(made, source.hash, true), started: false };
    if (!this.llm.configured) {
      throw new MinaException(
        'TRANSLATION_UNAVAILABLE',
        'No AI model is configured: Mina translates only with one (there is no local translation)',
      );
    }
    if (source.chars > this.config.translationMaxChars) {
      throw new MinaException(
        'NOTHING_TO_TRANSLATE',
        `This transcript has ${source.chars} characters; translations are limited to ${this.config.translationMaxChars} (MINA_TRANSLATION_MAX_CHARS)`,
        {
          chars: source.chars,
          limit: this.config.translationMaxChars,
        },
      );
    }
    await this.takeBudget(tenant.userId);
    const started = await this.repo.start(
      tenant.workspaceId,
      sessionId,
      language,
      source.hash,
      STUCK_AFTER_MS,
    );
    if (started) {
      const data: TranslateJobData = {
        translationId: started.id,
        sessionId,
        workspaceId: tenant.workspaceId,
        language,
        sourceHash: source.hash,
      };
      // One job per (re)start: the row's version is in the id, so a retry after a failure is a new job.
      try {
        await this.queues.add('translate', data, {
          jobId: `translate-${started.id}-${started.updatedAt.getTime()}`,
        });
      } catch (error) {
        // Not queued, not left pending: asking again starts it anew.
        await this.repo.fail(
          started.id,
          source.hash,
          'The translation could not be queued (Redis unavailable); ask again',
        );
        throw error;
      }
    }
    const row = await this.repo.find(tenant.workspaceId, sessionId, language);
    return { view: this.view(row!, source.hash, true), started: started !== null };
  }

  /** Each start spends AI tokens on a whole transcript: a per-user budget an hour, shared by every api process. */
  private async takeBudget(userId: string): Promise<void> {
    const limit = this.config.translationRatePerHour;
    await this.counters.take(
      `translate:user:${userId}`,
      HOUR_S,
      limit,
      `At most ${limit} translations an hour (MINA_TRANSLATION_RATE_PER_HOUR); translations already made are served without limit`,
    );
  }

  /** The console polls this while a translation is made: the transcript is only read when there are texts to call stale. */
  async get(tenant: TenantContext, sessionId: string, language: string): Promise<TranslationView> {
    const session = await this.session(tenant.workspaceId, sessionId);
    const row = await this.repo.find(tenant.workspaceId, sessionId, language);
    if (!row) throw notFound('Translation');
    return this.view(row, row.contentHash ? (await this.read(session)).hash : null, true);
  }

  async list(tenant: TenantContext, sessionId: string): Promise<TranslationView[]> {
    const session = await this.session(tenant.workspaceId, sessionId);
    const rows = await this.repo.list(tenant.workspaceId, sessionId);
    const hash = rows.some((r) => r.contentHash) ? (await this.read(session)).hash : null;
    return rows.map((row) => this.view(row, hash, false));
  }

  @OnJob('translate')
  async run(job: Job<TranslateJobData>): Promise<{ status: string }> {
    const { translationId: id, sessionId, workspaceId, language, sourceHash } = job.data;
    if (!(await this.repo.claim(id, sourceHash))) return { status: 'superseded' };
    try {
      const source = await this.source(workspaceId, sessionId, false);
      const context = { workspaceId, sessionId, purpose: 'translation' };
      const segments = await this.translator.segments(
        source.segments.map((s) => ({
          id: s.id,
          speaker: s.speaker ?? null,
          startMs: s.startMs,
          endMs: s.endMs,
          confidence: s.confidence ?? null,
          text: s.refinedText ?? s.text,
        })),
        source.speakerNames,
        language,
        context,
      );
      let summary: TranslatedSummary | null = null;
      let model = segments.model;
      if (source.summary) {
        const s = source.summary;
        const translated = await this.translator.summary(summaryTexts(s), language, context);
        model = translated.model;
        const items = (originals: Summary['keyPoints'], texts: string[]) =>
          originals.map((o, i) => ({ ...o, text: texts[i] }));
        summary = {
          overview: translated.value.overview,
          keyPoints: items(s.keyPoints, translated.value.keyPoints),
          decisions: items(s.decisions, translated.value.decisions),
          risks: items(s.risks, translated.value.risks),
          questions: items(s.questions, translated.value.questions),
        };
      }
      // Stored under the hash the request saw: content that changed meanwhile shows as stale.
      await this.repo.finish(id, sourceHash, {
        segments: source.segments.map((s) => ({ segmentId: s.id, text: segments.texts.get(s.id)! })),
        summary,
        model,
      });
      return { status: 'ready' };
    } catch (error) {
      const told =
        error instanceof LlmUnavailableError ||
        error instanceof LlmInvalidOutputError ||
        error instanceof TranslationIncompleteError ||
        error instanceof MinaException;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (told || lastAttempt) {
        const reason =
          error instanceof LlmUnavailableError
            ? `The AI model was unavailable: ${error.message}`
            : (error as Error).message;
        this.logger.warn(`Translation of session ${sessionId} into ${language} failed: ${reason}`);
        await this.repo.fail(id, sourceHash, reason);
        if (told) return { status: 'failed' };
      }
      throw error;
    }
  }

  private async session(workspaceId: string, sessionId: string): Promise<TranscriptionSession> {
    const session = await this.pipeline.findSession(workspaceId, sessionId);
    if (!session) throw notFound('Session');
    return session;
  }

  /** The session's translatable content; 404 outside the workspace, 409 while it has none (yet). */
  private async source(workspaceId: string, sessionId: string, requireContent = true): Promise<Source> {
    const session = await this.session(workspaceId, sessionId);
    if (requireContent) {
      if (session.contentDeleted)
        throw new MinaException(
          'NOTHING_TO_TRANSLATE',
          "The retention policy deleted this session's transcript",
        );
      if (session.status !== 'completed' && session.status !== 'error') {
        throw new MinaException(
          'NOTHING_TO_TRANSLATE',
          `The session is ${session.status}: it can be translated once its transcript is final`,
          { status: session.status },
        );
      }
    }
    const source = await this.read(session);
    if (requireContent && source.segments.length === 0)
      throw new MinaException('NOTHING_TO_TRANSLATE', 'The session has no transcript to translate');
    return source;
  }

  private async read(session: TranscriptionSession): Promise<Source> {
    const [segments, summary] = await Promise.all([
      this.pipeline.segmentRows(session.id),
      this.summaries.forSession(session.workspace.id, session.id),
    ]);
    const chars = segments.reduce((n, s) => n + (s.refinedText ?? s.text).length, 0);
    return {
      segments,
      speakerNames: session.speakerNames,
      summary,
      hash: sourceHash(segments, summary),
      chars,
    };
  }

  /** `currentHash`: of the session's content now; null when not read (no texts held, so nothing can be stale). */
  private view(row: Translation, currentHash: string | null, whole: boolean): TranslationView {
    return {
      sessionId: row.session.id,
      language: row.language,
      status: row.status,
      // The texts held were made from an earlier transcript or summary (also while a newer one is being translated, or after it failed).
      stale: row.contentHash != null && currentHash !== null && row.contentHash !== currentHash,
      error: row.error ?? null,
      model: row.model ?? null,
      ...(whole ? { segments: row.segments ?? [], summary: row.summary ?? null } : {}),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
