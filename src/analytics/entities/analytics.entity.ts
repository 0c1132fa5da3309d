import { Entity, Enum, Index, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { INSIGHT_STATUSES, type InsightStatus, type SpeakerTalkTime } from '@mina/contract/views';

export { INSIGHT_STATUSES, type InsightStatus, type SpeakerTalkTime };

@Entity({ tableName: 'analytics' })
@Index({ name: 'analytics_status_created_idx', expression: 'create index "analytics_status_created_idx" on "analytics" ("status", "created_at" desc)' })
export class Analytics extends BaseEntity<
  'status' | 'talkTime' | 'wordsPerMinute' | 'turns' | 'sentiment' | 'engagement' | 'topics' | 'details'
> {
  @OneToOne(() => TranscriptionSession, { owner: true, unique: true, deleteRule: 'cascade' })
  session!: TranscriptionSession;

  @Enum({ items: () => [...INSIGHT_STATUSES] })
  status: InsightStatus = 'pending';

  @Property({ type: 'json', columnType: 'jsonb' })
  talkTime: SpeakerTalkTime[] = [];

  @Property({ type: 'float', nullable: true })
  wordsPerMinute?: number;

  @Property({ type: 'integer', nullable: true })
  turns?: number;

  @Property({ type: 'float', nullable: true })
  sentiment?: number;

  @Property({ type: 'float', nullable: true })
  engagement?: number;

  @Property({ type: 'json', columnType: 'jsonb' })
  topics: string[] = [];

  /** Longest monologue, interruptions, silence ratio, questions and what else a run measured. */
  @Property({ type: 'json', columnType: 'jsonb' })
  details: Record<string, unknown> = {};
}
