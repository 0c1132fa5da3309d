import { Inject, Injectable, Logger } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { llmOrFallback, providersOf, type AiOutcome } from './ai-outcome.js';
import type { TranscriptSegment } from './fallback/transcript.js';
import { LlmClient, type LlmCallContext } from './llm/llm.client.js';
import { TOPICS_SCHEMA, TOPICS_SYSTEM, topicsUser, type TopicsAnswer } from './prompts/topics.prompt.js';
import { chunkTranscript } from './transcript-chunks.js';

export interface TopicsAndSentiment {
  topics: string[];
  /** -1..1 */
  sentiment: number;
}

const MAX_TOPICS = 8;
const clamp = (x: number) => Math.max(-1, Math.min(1, Number.isFinite(x) ? x : 0));

@Injectable()
export class TopicsService {
  private readonly logger = new Logger(TopicsService.name);
  private readonly chunkChars: number;

  constructor(
    private readonly llm: LlmClient,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.chunkChars = pipelineSettings(config).chunkChars;
  }

  /** `local` is what the analytics maths found; it stands in when the LLM cannot answer. */
  async label(
    segments: readonly TranscriptSegment[],
    speakerNames: Readonly<Record<string, string>>,
    local: TopicsAndSentiment,
    context: LlmCallContext,
  ): Promise<AiOutcome<TopicsAndSentiment>> {
    if (segments.length === 0) return { value: local, fallbackUsed: false, model: null, provider: null };
    return llmOrFallback(
      this.llm,
      this.logger,
      'topics',
      async () => {
        const chunks = chunkTranscript(segments, speakerNames, this.chunkChars);
        const answers = await Promise.all(
          chunks.map((chunk) =>
            this.llm.structured<TopicsAnswer>({ schemaName: 'meeting_topics', schema: TOPICS_SCHEMA, system: TOPICS_SYSTEM, user: topicsUser(chunk) }, context),
          ),
        );
        // Topics that recur across parts of a long meeting rank first; sentiment is weighted by part length.
        const score = new Map<string, { topic: string; hits: number; first: number }>();
        let order = 0;
        for (const a of answers) {
          for (const topic of a.value.topics) {
            const key = topic.trim().toLowerCase();
            if (!key) continue;
            const seen = score.get(key);
            if (seen) seen.hits++;
            else score.set(key, { topic: topic.trim(), hits: 1, first: order++ });
          }
        }
        const topics = [...score.values()].sort((x, y) => y.hits - x.hits || x.first - y.first).slice(0, MAX_TOPICS).map((t) => t.topic);
        const weights = chunks.map((c) => c.prompt.length);
        const total = weights.reduce((x, y) => x + y, 0) || 1;
        const sentiment = clamp(answers.reduce((sum, a, i) => sum + clamp(a.value.sentiment) * weights[i], 0) / total);
        return { value: { topics, sentiment }, model: answers[0].model, provider: providersOf(answers) };
      },
      () => local,
    );
  }
}
