import { Module } from '@nestjs/common';
import { RecordingSweep } from './recording-sweep.js';
import { RetentionRepository } from './retention.repository.js';

/**
 * Per-workspace retention of recordings, enforced by the `sweep-recordings` job. Loaded in
 * processes that run jobs (`worker`, `all`); the setting itself is part of the workspace settings.
 */
@Module({ providers: [RetentionRepository, RecordingSweep] })
export class RetentionModule {}
