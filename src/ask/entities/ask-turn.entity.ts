import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import type { Citation } from '@mina/contract/ask';
import { BaseEntity } from '#src/database/base.entity.js';
import { AskConversation } from './ask-conversation.entity.js';

/** A question and the answer given, with the citations it was given with. */
@Entity({ tableName: 'ask_turn' })
@Index({ properties: ['conversation', 'createdAt'] })
export class AskTurn extends BaseEntity<'provider'> {
  @ManyToOne(() => AskConversation, { deleteRule: 'cascade', index: false })
  conversation!: Rel<AskConversation>;

  @Property({ type: 'text' })
  question!: string;

  @Property({ type: 'text' })
  answer!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  citations: Citation[] = [];

  @Property({ type: 'boolean' })
  found!: boolean;

  /** The AI provider (model) that wrote the answer; null when the local fallback did, or nothing was found. */
  @Property({ type: 'string', length: 100, nullable: true })
  provider?: string | null;

  @Property({ type: 'boolean' })
  fallbackUsed!: boolean;
}
