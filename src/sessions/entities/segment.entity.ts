import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { TranscriptionSession } from './session.entity.js';

export const SEGMENT_KINDS = ['interim', 'final', 'corrected'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

@Entity({ tableName: 'segment' })
@Index({ properties: ['session', 'startMs'] })
@Unique({ properties: ['session', 'seq'] })
// With btree_gin (PostgreSQL) one GIN index serves `workspace_id = ? and tsv @@ ?`; PGlite, which
// lacks the extension, keeps GIN(tsv) plus a btree on workspace_id. See Migration20261121021500.
@Index({ name: 'segment_workspace_tsv_idx', expression: 'create index "segment_workspace_tsv_idx" on "segment" using gin ("workspace_id", "tsv")' })
export class Segment extends BaseEntity<'kind' | 'refinedText' | 'speaker' | 'confidence' | 'language' | 'tsv' | 'workspace'> {
  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade' })
  session!: TranscriptionSession;

  /**
   * The session's workspace, copied so that search filters segments without a join. Raw inserts
   * that leave it out get it from a BEFORE INSERT trigger (`segment_workspace_fill`).
   */
  @ManyToOne(() => Workspace, { deleteRule: 'cascade', onCreate: (s: Segment) => s.session.workspace })
  workspace!: Workspace;

  /** Order of the segment within its session; unique, so a replayed window cannot insert twice. */
  @Property({ type: 'integer' })
  seq!: number;

  @Index()
  @Enum({ items: () => [...SEGMENT_KINDS] })
  kind: SegmentKind = 'final';

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  refinedText?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  speaker?: string;

  @Property({ type: 'integer' })
  startMs!: number;

  @Property({ type: 'integer' })
  endMs!: number;

  @Property({ type: 'float', nullable: true })
  confidence?: number;

  @Property({ type: 'string', length: 16, nullable: true })
  language?: string;

  @Property({
    columnType: 'tsvector',
    generated: `(to_tsvector('english', coalesce("refined_text", "text"))) stored`,
    hidden: true,
    lazy: true,
    nullable: true,
  })
  tsv?: string;
}
