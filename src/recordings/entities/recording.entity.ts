import { Entity, Index, ManyToOne, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { BigIntType, type Rel } from '@mikro-orm/core';
import type { StoredFormat } from '../codec/audio-codec.js';
import { BaseEntity } from '#src/database/base.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import type { RecordingDeletedReason } from '@mina/contract/retention';

/** A session's audio in the recording store: one file per session, whatever brought it in. */
@Entity({ tableName: 'recording' })
export class Recording extends BaseEntity<'deletedAt' | 'deletedReason'> {
  @OneToOne(() => TranscriptionSession, { owner: true, deleteRule: 'cascade', unique: 'recording_session_id_unique' })
  session!: Rel<TranscriptionSession>;

  @Index()
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /** Where the store keeps it, relative to the store's root. */
  @Property({ type: 'text' })
  path!: string;

  /** `wav` (PCM16 mono) or `flac`. */
  @Property({ type: 'string', length: 16 })
  format!: StoredFormat;

  @Property({ type: 'string', length: 64 })
  contentType!: string;

  @Property({ type: 'integer' })
  sampleRate!: number;

  @Property({ type: 'integer' })
  channels!: number;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  sizeBytes!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** Waveform peaks: one byte per PEAK_WINDOW_MS (see AudioStore). */
  @Property({ type: 'blob', lazy: true })
  peaks!: Buffer;

  /** When the retention sweep deleted the file (the row stays, so playback can say so: 410 RECORDING_DELETED). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deletedAt?: Date | null;

  @Property({ type: 'string', length: 32, nullable: true })
  deletedReason?: RecordingDeletedReason | null;
}

export type { RecordingDeletedReason } from '@mina/contract/retention';
