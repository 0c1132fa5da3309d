import { Module } from '@nestjs/common';
import { DeadLettersController } from '#src/admin-api/dead-letters.controller.js';

/** Admin endpoints for dead letters (api and all roles); the service comes from the global PipelineModule. */
@Module({ controllers: [DeadLettersController] })
export class DeadLettersModule {}
