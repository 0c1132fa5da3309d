import { Module } from '@nestjs/common';
import { ContentRetention } from './content-retention.js';
import { ContentRetentionRepository } from './content-retention.repository.js';
import { LegalHoldController } from './legal-hold.controller.js';
import { LegalHoldService } from './legal-hold.service.js';
import { RetentionController } from './retention.controller.js';
import { RetentionRepository } from './retention.repository.js';

/** The HTTP side: the policy preview and legal hold. Loaded in processes that serve HTTP (`api`, `all`). */
@Module({
  controllers: [RetentionController, LegalHoldController],
  providers: [RetentionRepository, ContentRetentionRepository, ContentRetention, LegalHoldService],
})
export class RetentionApiModule {}
