import { Module } from '@nestjs/common';
import { ResilienceModule } from '#src/resilience/resilience.module.js';
import { LlmClient } from './llm/llm.client.js';
import { RefinementService } from './refinement.service.js';
import { SummaryService } from './summary.service.js';
import { TaskExtractionService } from './task-extraction.service.js';
import { TokenUsageRepository } from './token-usage.repository.js';
import { TopicsService } from './topics.service.js';
import { Translator } from './translator.service.js';

/** LLM client, prompts and structured outputs, with the local fallback behind every step. */
@Module({
  imports: [ResilienceModule],
  providers: [LlmClient, TokenUsageRepository, RefinementService, TaskExtractionService, SummaryService, TopicsService, Translator],
  exports: [LlmClient, TokenUsageRepository, RefinementService, TaskExtractionService, SummaryService, TopicsService, Translator],
})
export class AiModule {}
