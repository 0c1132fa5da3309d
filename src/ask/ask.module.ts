import { Module } from '@nestjs/common';
import { RedisModule } from '#src/redis/redis.module.js';
import { AskController } from './ask.controller.js';
import { AskRateLimiter } from './ask-rate-limiter.js';
import { AskRetrievalRepository } from './retrieval/ask-retrieval.repository.js';
import { AskRetriever } from './retrieval/ask-retriever.service.js';

/** Ask Mina: questions answered from the meetings' own words, with citations (README "Ask Mina"). */
@Module({
  imports: [RedisModule],
  controllers: [AskController],
  providers: [AskRetrievalRepository, AskRetriever, AskRateLimiter],
  exports: [AskRetriever],
})
export class AskModule {}
