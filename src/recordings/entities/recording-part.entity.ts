import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BigIntType, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';

/**
 * A piece of a live session's 16 kHz audio, archived while the session is transcribed and
 * assembled into its recording once the session is finalized. Parts may overlap (a new owner of
 * the session archives again from its replay point); assembly goes by sample position.
 */
@Entity({ tableName: 'recording_part' })
@Index({ properties: ['session', 'startSample'] })
export class RecordingPart extends BaseEntity {
  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade', index: false })
  session!: Rel<TranscriptionSession>;

  /** The first sample's index in the session's 16 kHz timeline (the transcript's clock). */
  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  startSample!: number;

  @Property({ type: 'integer' })
  sampleCount!: number;

  /** The part's raw PCM16 file in the blob store. */
  @Property({ type: 'text', unique: true })
  key!: string;
}
