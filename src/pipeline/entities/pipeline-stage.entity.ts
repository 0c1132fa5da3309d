import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { STAGES, type StageName } from '#src/jobs/jobs.js';

/**
 * `waiting`: refinement holds back for audio still being transcribed. `skipped`: there was no
 * transcript to work on because the audio was not transcribed (`error` holds the reason).
 */
import { STAGE_STATUSES, type StageStatus } from '@mina/contract/pipeline';

export { STAGE_STATUSES, type StageStatus };

/** Where one stage of one session's pipeline stands; GET /insights reports these. */
@Entity({ tableName: 'pipeline_stage' })
@Unique({ properties: ['session', 'stage'] })
export class PipelineStage extends BaseEntity<'status' | 'error' | 'attempts' | 'fallbackUsed' | 'model' | 'provider' | 'startedAt' | 'finishedAt'> {
  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade' })
  session!: TranscriptionSession;

  @Enum({ items: () => [...STAGES] })
  stage!: StageName;

  @Enum({ items: () => [...STAGE_STATUSES] })
  status: StageStatus = 'pending';

  @Property({ type: 'text', nullable: true })
  error?: string;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'boolean' })
  fallbackUsed: boolean = false;

  @Property({ type: 'string', length: 100, nullable: true })
  model?: string;

  /** The LLM provider (chain name) that produced the stage; null for the local fallback. */
  @Property({ type: 'string', length: 200, nullable: true })
  provider?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  startedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt?: Date;
}
