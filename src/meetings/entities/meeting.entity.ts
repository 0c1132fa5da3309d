import { Collection, type Rel } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Participant } from './participant.entity.js';
import { MEETING_STATUSES, type MeetingStatus } from '@mina/contract/records';

export { MEETING_STATUSES, type MeetingStatus };

@Entity({ tableName: 'meeting' })
@Index({ name: 'meeting_workspace_status_created_idx', expression: 'create index "meeting_workspace_status_created_idx" on "meeting" ("workspace_id", "status", "created_at" desc)' })
@Index({ properties: ['workspace', 'scheduledStart'] })
@Index({ name: 'meeting_workspace_created_idx', expression: 'create index "meeting_workspace_created_idx" on "meeting" ("workspace_id", "created_at" desc)' })
export class Meeting extends BaseEntity<'status' | 'description' | 'scheduledStart' | 'scheduledEnd' | 'session' | 'legalHold' | 'legalHoldReason' | 'legalHoldAt' | 'legalHoldBy' | 'templateId'> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Index()
  @ManyToOne(() => User)
  organizer!: User;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Enum({ items: () => [...MEETING_STATUSES] })
  status: MeetingStatus = 'draft';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  scheduledStart?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  scheduledEnd?: Date;

  @Index()
  @ManyToOne(() => TranscriptionSession, { nullable: true, deleteRule: 'set null' })
  session?: Rel<TranscriptionSession>;

  /** Exempts every session of the meeting from retention (set with PUT /api/meetings/:id/legal-hold). */
  @Property({ type: 'boolean', default: false })
  legalHold: boolean = false;

  @Property({ type: 'string', length: 1000, nullable: true })
  legalHoldReason?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  legalHoldAt?: Date | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  legalHoldBy?: User | null;

  /** The summary template chosen for this meeting (a built-in's id or a custom template's); null follows the workspace default. */
  @Property({ type: 'string', length: 64, nullable: true })
  templateId?: string | null;

  @OneToMany(() => Participant, (p) => p.meeting, { orphanRemoval: true })
  participants = new Collection<Participant>(this);
}
