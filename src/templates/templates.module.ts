import { Module } from '@nestjs/common';
import { TemplatesController } from './templates.controller.js';
import { TemplatesRepository } from './templates.repository.js';
import { TemplatesService } from './templates.service.js';

/** Templates without routes: what the summary stage (in worker processes too) and other modules use. */
@Module({
  providers: [TemplatesRepository, TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesCoreModule {}

/** Summary templates: the built-ins, a workspace's own, and which one a summary uses; with `/api/templates`. */
@Module({
  imports: [TemplatesCoreModule],
  controllers: [TemplatesController],
  exports: [TemplatesCoreModule],
})
export class TemplatesModule {}
