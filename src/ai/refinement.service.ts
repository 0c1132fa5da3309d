import { Inject, Injectable, Logger } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { llmOrFallback, providersOf, type AiOutcome } from './ai-outcome.js';
import { cleanText, refineSegments } from './fallback/clean-text.js';
import type { TranscriptSegment } from './fallback/transcript.js';
import { LlmClient, type LlmCallContext } from './llm/llm.client.js';
import { REFINEMENT_SCHEMA, REFINEMENT_SYSTEM, refinementUser, vocabularyInstruction, type RefinementAnswer } from './prompts/refinement.prompt.js';
import { vocabularyCorrector } from './fallback/vocabulary-correction.js';
import { refinementVerdict } from './refinement-guard.js';
import { continueSentences } from './sentence-continuation.js';
import { chunkTranscript } from './transcript-chunks.js';

export interface RefinementOutcome extends AiOutcome<Map<string, string>> {
  /** Lines whose model answer was not a clean-up of the line (another text, emptied, grown): they got the local clean-up. */
  rejectedLines: number;
}

/** Cleaned text per segment id; ids and times never pass through the model, only line numbers do. */
@Injectable()
export class RefinementService {
  private readonly logger = new Logger(RefinementService.name);
  private readonly chunkChars: number;

  constructor(
    private readonly llm: LlmClient,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    // The answer is as long as the question, so refinement chunks are half the usual size.
    this.chunkChars = Math.max(1_000, Math.floor(pipelineSettings(config).chunkChars / 2));
  }

  /** `vocabulary`: the workspace's terms, told to the model and used by the local clean-up's post-correction. */
  async refine(segments: readonly TranscriptSegment[], context: LlmCallContext, vocabulary: readonly string[] = []): Promise<RefinementOutcome> {
    if (segments.length === 0) return { value: new Map(), fallbackUsed: false, model: null, provider: null, rejectedLines: 0 };
    const rejected: string[] = [];
    const corrected = vocabularyCorrector(vocabulary);
    const system = REFINEMENT_SYSTEM + vocabularyInstruction(vocabulary);
    const outcome = await llmOrFallback(
      this.llm,
      this.logger,
      'refinement',
      async () => {
        const chunks = chunkTranscript(segments, {}, this.chunkChars);
        const answers = await Promise.all(
          chunks.map((chunk) =>
            this.llm.structured<RefinementAnswer>(
              { schemaName: 'transcript_refinement', schema: REFINEMENT_SCHEMA, system, user: refinementUser(chunk) },
              context,
            ),
          ),
        );
        const byLine = new Map<number, string>();
        answers.forEach((answer, i) => {
          const own = new Set(chunks[i].lines.map((l) => l.index));
          for (const { line, text } of answer.value.lines) if (own.has(line)) byLine.set(line, text.trim());
        });
        const value = new Map(
          segments.map((seg, i) => {
            const answer = byLine.get(i);
            if (answer !== undefined && refinementVerdict(seg.text, answer) === 'cleanup') return [seg.id, answer];
            if (answer !== undefined) rejected.push(seg.id);
            // A line the model skipped or got wrong keeps the local clean-up rather than the raw text.
            return [seg.id, corrected(cleanText(seg.text))];
          }),
        );
        return { value, model: answers[0].model, provider: providersOf(answers) };
      },
      () => new Map(refineSegments(segments).map((seg) => [seg.id, corrected(seg.text)])),
    );
    if (rejected.length > 0) {
      const sample = rejected.slice(0, 10).join(', ');
      this.logger.warn(`refinement: ${rejected.length} line(s) kept their own text, the model's was no clean-up of them (segments ${sample}${rejected.length > 10 ? ', …' : ''})`);
    }
    // Model and local clean-up alike see one segment at a time; sentences span them.
    return { ...outcome, value: continueSentences(segments, outcome.value), rejectedLines: rejected.length };
  }
}
