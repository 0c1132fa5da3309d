import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Meeting } from './meeting.entity.js';
import type { Rel } from '@mikro-orm/core';

export const PARTICIPANT_ROLES = ['host', 'presenter', 'attendee'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const PARTICIPANT_STATUSES = ['invited', 'accepted', 'declined', 'joined', 'left'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

@Entity({ tableName: 'participant' })
@Unique({ properties: ['meeting', 'user'] })
export class Participant extends BaseEntity<'role' | 'status' | 'joinedAt' | 'leftAt'> {
  @ManyToOne(() => Meeting, { deleteRule: 'cascade' })
  meeting!: Rel<Meeting>;

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => [...PARTICIPANT_ROLES] })
  role: ParticipantRole = 'attendee';

  @Enum({ items: () => [...PARTICIPANT_STATUSES] })
  status: ParticipantStatus = 'invited';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  joinedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  leftAt?: Date;
}
