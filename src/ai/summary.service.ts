import { Inject, Injectable, Logger } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { llmOrFallback, providersOf, type AiOutcome } from './ai-outcome.js';
import { localInsights, type LocalSummary } from './fallback/local-insights.js';
import type { SummaryItem } from './fallback/summary-item.js';
import type { TranscriptSegment } from './fallback/transcript.js';
import { LlmClient, type LlmCallContext } from './llm/llm.client.js';
import {
  SUMMARY_MERGE_SCHEMA,
  SUMMARY_MERGE_SYSTEM,
  SUMMARY_SCHEMA,
  SUMMARY_SYSTEM,
  summaryMergeUser,
  summarySystem,
  summaryUser,
  type SummaryAnswer,
  type SummaryAnswerItem,
} from './prompts/summary.prompt.js';
import { chunkTranscript } from './transcript-chunks.js';

export interface SummaryOptions {
  /** Write the summary in this language (a TRANSLATION_LANGUAGES code); unset = the transcript's own. */
  language?: string | null;
}

const EMPTY: LocalSummary = { overview: '', keyPoints: [], decisions: [], risks: [], questions: [] };

/** Overview, key points, decisions, risks and open questions, attributed to speakers. */
@Injectable()
export class SummaryService {
  private readonly logger = new Logger(SummaryService.name);
  private readonly chunkChars: number;

  constructor(
    private readonly llm: LlmClient,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.chunkChars = pipelineSettings(config).chunkChars;
  }

  async summarize(
    segments: readonly TranscriptSegment[],
    speakerNames: Readonly<Record<string, string>>,
    meetingDate: Date,
    context: LlmCallContext,
    options: SummaryOptions = {},
  ): Promise<AiOutcome<LocalSummary>> {
    if (segments.length === 0) return { value: { ...EMPTY, overview: 'Nothing was said in this session.' }, fallbackUsed: false, model: null, provider: null };
    const toItems = (items: SummaryAnswerItem[]): SummaryItem[] =>
      items.map((i) => {
        const atMs = i.line === null ? undefined : segments[i.line]?.startMs;
        return { text: i.text, ...(i.speaker ? { speaker: i.speaker } : {}), ...(atMs !== undefined ? { atMs } : {}) };
      });
    return llmOrFallback(
      this.llm,
      this.logger,
      'summary',
      async () => {
        const chunks = chunkTranscript(segments, speakerNames, this.chunkChars);
        const parts = await Promise.all(
          chunks.map((chunk, index) =>
            this.llm.structured<SummaryAnswer>(
              { schemaName: 'meeting_summary', schema: SUMMARY_SCHEMA, system: summarySystem(SUMMARY_SYSTEM, options.language), user: summaryUser(chunk, { index, of: chunks.length }) },
              context,
            ),
          ),
        );
        // Map, then reduce: one more request merges the parts of a long meeting.
        const merged =
          parts.length === 1
            ? parts[0]
            : await this.llm.structured<SummaryAnswer>(
                { schemaName: 'meeting_summary_merge', schema: SUMMARY_MERGE_SCHEMA, system: summarySystem(SUMMARY_MERGE_SYSTEM, options.language), user: summaryMergeUser(parts.map((p) => p.value)) },
                context,
              );
        const a = merged.value;
        return {
          value: { overview: a.overview, keyPoints: toItems(a.keyPoints), decisions: toItems(a.decisions), risks: toItems(a.risks), questions: toItems(a.questions) },
          model: merged.model,
          provider: providersOf(parts.length === 1 ? parts : [...parts, merged]),
        };
      },
      () => localInsights(segments, { meetingDate, speakerNames }).summary,
    );
  }
}
