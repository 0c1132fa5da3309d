import { Inject, Injectable } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import type { TranscriptSegment } from './fallback/transcript.js';
import { LlmClient, type LlmCallContext } from './llm/llm.client.js';
import {
  LINES_TRANSLATION_SCHEMA,
  linesUser,
  SUMMARY_TRANSLATION_SCHEMA,
  summaryUser,
  translationSystem,
  type LinesTranslation,
  type SummaryTranslation,
} from './prompts/translation.prompt.js';
import { chunkTranscript, type TranscriptChunk } from './transcript-chunks.js';

/** The model left lines or items out (asked twice): a partial translation is never passed off as whole. */
export class TranslationIncompleteError extends Error {}

/** Chunks of one transcript translated at once, at most. */
const CONCURRENT_CHUNKS = 4;

/**
 * Transcript and summary translation through the LLM. There is no local fallback: without a
 * model this throws LlmUnavailableError and the caller says so.
 */
@Injectable()
export class Translator {
  private readonly chunkChars: number;

  constructor(
    private readonly llm: LlmClient,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    // The answer is as long as the question: half a summary chunk in, half out.
    this.chunkChars = Math.max(2_000, Math.floor(pipelineSettings(config).chunkChars / 2));
  }

  /** Each segment's text in `language`, by segment id, in transcript order. */
  async segments(
    segments: readonly TranscriptSegment[],
    speakerNames: Readonly<Record<string, string>>,
    language: string,
    context: LlmCallContext,
  ): Promise<{ texts: Map<string, string>; model: string }> {
    const chunks = chunkTranscript(segments, speakerNames, this.chunkChars);
    const texts = new Map<string, string>();
    let model = '';
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        const done = await this.chunk(chunk, language, context);
        model = done.model;
        for (const line of chunk.lines) texts.set(line.segment.id, done.lines.get(line.index)!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_CHUNKS, chunks.length) }, worker));
    return { texts, model };
  }

  /** One chunk; lines the model left out are asked for once more, then it fails. */
  private async chunk(
    chunk: TranscriptChunk,
    language: string,
    context: LlmCallContext,
  ): Promise<{ lines: Map<number, string>; model: string }> {
    const lines = new Map<number, string>();
    let model = '';
    let missing = chunk.lines;
    for (let attempt = 1; attempt <= 2 && missing.length > 0; attempt++) {
      const wanted = new Set(missing.map((l) => l.index));
      const answer = await this.llm.structured<LinesTranslation>(
        {
          schemaName: 'transcript_translation',
          schema: LINES_TRANSLATION_SCHEMA,
          system: translationSystem(language),
          user: linesUser(missing.map((l) => l.text).join('\n')),
        },
        context,
      );
      model = answer.model;
      for (const line of answer.value.lines)
        if (wanted.has(line.line) && line.text.trim() !== '') lines.set(line.line, line.text.trim());
      missing = chunk.lines.filter((l) => !lines.has(l.index));
    }
    if (missing.length > 0)
      throw new TranslationIncompleteError(
        `The model left ${missing.length} of ${chunk.lines.length} lines untranslated (lines ${missing
          .slice(0, 5)
          .map((l) => l.index)
          .join(', ')}${missing.length > 5 ? ', …' : ''})`,
      );
    return { lines, model };
  }

  /** The summary's texts in `language`, each list the same length and order as the original. */
  async summary(
    summary: SummaryTranslation,
    language: string,
    context: LlmCallContext,
  ): Promise<{ value: SummaryTranslation; model: string }> {
    const lengths = (x: SummaryTranslation) =>
      [x.keyPoints.length, x.decisions.length, x.risks.length, x.questions.length].join(',');
    for (let attempt = 1; attempt <= 2; attempt++) {
      const answer = await this.llm.structured<SummaryTranslation>(
        {
          schemaName: 'summary_translation',
          schema: SUMMARY_TRANSLATION_SCHEMA,
          system: translationSystem(language),
          user: summaryUser(summary),
        },
        context,
      );
      if (lengths(answer.value) === lengths(summary)) return answer;
    }
    throw new TranslationIncompleteError('The model did not translate every item of the summary');
  }
}
