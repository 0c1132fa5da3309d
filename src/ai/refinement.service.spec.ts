import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import type { TranscriptSegment } from './fallback/transcript.js';
import { LlmClient, type LlmCallContext } from './llm/llm.client.js';
import { AiProviders } from './providers/ai-providers.service.js';
import { RefinementService } from './refinement.service.js';
import type { TokenUsageRepository } from './token-usage.repository.js';

describe('RefinementService', () => {
  const breakers = new CircuitBreakers();
  afterEach(() => breakers.onModuleDestroy());

  it('continues a sentence split across two segments in lower case (local clean-up, no LLM configured)', async () => {
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), MINA_DATA_DIR: '/tmp/mina-refinement-spec' });
    // No OPENAI_API_KEY: the client is unconfigured and never touches the usage repository.
    const service = new RefinementService(new LlmClient(new AiProviders(config, breakers), {} as TokenUsageRepository), config);
    const segments: TranscriptSegment[] = [
      { id: 'a', speaker: 'Laura', text: 'um so we need to design a', startMs: 0, endMs: 2000 },
      { id: 'b', speaker: 'Laura', text: 'new remote control', startMs: 2000, endMs: 4000 },
      { id: 'c', speaker: 'Laura', text: 'that is trendy.', startMs: 4000, endMs: 6000 },
      { id: 'd', speaker: 'Ben', text: 'sure', startMs: 6000, endMs: 7000 },
    ];
    const outcome = await service.refine(segments, {} as LlmCallContext);
    expect(outcome.fallbackUsed).toBe(true);
    expect([...outcome.value.values()]).toEqual(['So we need to design a', 'new remote control', 'that is trendy.', 'Sure']);
  });
});
