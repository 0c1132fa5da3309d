import { OptionalProps } from '@mikro-orm/core';
import { Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';

/**
 * How far the copilot has read a session's finals, when it last scanned (one scan per interval),
 * and whether the session was reconciled (closed: no more items).
 */
@Entity({ tableName: 'copilot_cursor' })
export class CopilotCursor {
  [OptionalProps]?: 'lastSeq' | 'scannedAt' | 'closedAt';

  @OneToOne(() => TranscriptionSession, { primary: true, owner: true, deleteRule: 'cascade' })
  session!: TranscriptionSession;

  /** The last final segment's seq read; -1 before the first scan. */
  @Property({ type: 'integer' })
  lastSeq: number = -1;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  scannedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt?: Date;
}
