import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import type { TranslatedSummary, TranslationStatus } from '@mina/contract/translation';

/**
 * A session's transcript and summary in one language: made on request by the AI, then served from
 * here until the source changes (`sourceHash` is the hash of what was translated).
 */
@Entity({ tableName: 'translation' })
@Unique({ properties: ['session', 'language'] })
export class Translation extends BaseEntity<
  'status' | 'contentHash' | 'segments' | 'summary' | 'model' | 'error'
> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade', index: false })
  workspace!: Rel<Workspace>;

  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade', index: false })
  session!: Rel<TranscriptionSession>;

  @Property({ type: 'string', length: 16 })
  language!: string;

  @Property({ type: 'text' })
  status: TranslationStatus = 'pending';

  /** sha256 of the segments' texts and the summary this translation was (or is being) made from. */
  @Property({ type: 'string', length: 64 })
  sourceHash!: string;

  /** The source hash of the texts held in `segments`/`summary` (they stay, stale, while a newer source is translated). */
  @Property({ type: 'string', length: 64, nullable: true })
  contentHash?: string | null;

  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  segments?: { segmentId: string; text: string }[] | null;

  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  summary?: TranslatedSummary | null;

  @Property({ type: 'string', length: 100, nullable: true })
  model?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
