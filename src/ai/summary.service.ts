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
import { sectionsInstruction, withSections, type SectionsAnswer } from './prompts/summary-sections.prompt.js';
import { askedSections, fallbackSections, type SummaryTemplate, type TemplatedSummary } from './summary-template.js';

export interface SummaryOptions {
  /** Write the summary in this language (a TRANSLATION_LANGUAGES code); unset = the transcript's own. */
  language?: string | null;
}

const EMPTY: LocalSummary = { overview: '', keyPoints: [], decisions: [], risks: [], questions: [] };

/** Overview, key points, decisions, risks and open questions, attributed to speakers, plus the template's sections. */
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
    template: SummaryTemplate,
    options: SummaryOptions = {},
  ): Promise<AiOutcome<TemplatedSummary>> {
    const ref = { id: template.id, name: template.name };
    if (segments.length === 0) {
      const empty = { ...EMPTY, overview: 'Nothing was said in this session.' };
      return { value: { ...empty, template: ref, sections: fallbackSections(template, empty, []) }, fallbackUsed: false, model: null, provider: null };
    }
    const asked = askedSections(template);
    const schema = (base: typeof SUMMARY_SCHEMA) => withSections(base, asked);
    const system = (base: string) => base + sectionsInstruction(template.name, asked);
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
              { schemaName: 'meeting_summary', schema: schema(SUMMARY_SCHEMA), system: system(summarySystem(SUMMARY_SYSTEM, options.language)), user: summaryUser(chunk, { index, of: chunks.length }) },
              context,
            ),
          ),
        );
        // Map, then reduce: one more request merges the parts of a long meeting.
        const merged =
          parts.length === 1
            ? parts[0]
            : await this.llm.structured<SummaryAnswer>(
                { schemaName: 'meeting_summary_merge', schema: schema(SUMMARY_MERGE_SCHEMA), system: system(summarySystem(SUMMARY_MERGE_SYSTEM, options.language)), user: summaryMergeUser(parts.map((p) => p.value)) },
                context,
              );
        const a = merged.value as SummaryAnswer & { sections?: SectionsAnswer };
        const value = { overview: a.overview, keyPoints: toItems(a.keyPoints), decisions: toItems(a.decisions), risks: toItems(a.risks), questions: toItems(a.questions) };
        const sections = template.sections.map(({ key, title, field }) => ({ key, title, items: field ? value[field] : toItems(a.sections?.[key] ?? []) }));
        return { value: { ...value, template: ref, sections }, model: merged.model, provider: providersOf(parts.length === 1 ? parts : [...parts, merged]) };
      },
      () => {
        const local = localInsights(segments, { meetingDate, speakerNames });
        return { ...local.summary, template: ref, sections: fallbackSections(template, local.summary, local.tasks) };
      },
    );
  }
}
