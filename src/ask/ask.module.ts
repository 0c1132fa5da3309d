import { Module } from '@nestjs/common';
import { AiModule } from '#src/ai/ai.module.js';
import { RedisModule } from '#src/redis/redis.module.js';
import { AskService } from './answer/ask.service.js';
import { AskController } from './ask.controller.js';
import { AskRateLimiter } from './ask-rate-limiter.js';
import { AskConversationsRepository } from './conversations/ask-conversations.repository.js';
import { AskRetrievalRepository } from './retrieval/ask-retrieval.repository.js';
import { AskRetriever } from './retrieval/ask-retriever.service.js';

/** Ask Mina: questions answered from the meetings' own words, with citations (README "Ask Mina"). */
@Module({
  imports: [RedisModule, AiModule],
  controllers: [AskController],
  providers: [AskRetrievalRepository, AskRetriever, AskRateLimiter, AskConversationsRepository, AskService],
  exports: [AskRetriever],
})
export class AskModule {}
