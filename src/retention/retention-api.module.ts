import { Module } from '@nestjs/common';
import { LegalHoldController } from './legal-hold.controller.js';
import { LegalHoldService } from './legal-hold.service.js';
import { RetentionController } from './retention.controller.js';
import { RetentionModule } from './retention.module.js';

/** The HTTP side: the policy preview and legal hold. Loaded in processes that serve HTTP (`api`, `all`). */
@Module({
  imports: [RetentionModule],
  controllers: [RetentionController, LegalHoldController],
  providers: [LegalHoldService],
})
export class RetentionApiModule {}
