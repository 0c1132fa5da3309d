import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { TranscriptionSession } from './session.entity.js';

export const MARKER_TYPES = ['decision', 'todo', 'risk', 'question'] as const;
export type MarkerType = (typeof MARKER_TYPES)[number];

@Entity({ tableName: 'marker' })
@Index({ properties: ['session', 'atMs'] })
export class Marker extends BaseEntity<'speaker'> {
  @ManyToOne(() => TranscriptionSession, { deleteRule: 'cascade' })
  session!: TranscriptionSession;

  @Index()
  @ManyToOne(() => User)
  user!: User;

  @Enum({ items: () => [...MARKER_TYPES] })
  type!: MarkerType;

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'integer' })
  atMs!: number;

  @Property({ type: 'string', length: 100, nullable: true })
  speaker?: string;
}
