import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { AskConversationView, AskTurnView } from '@mina/contract/ask';
import type { ListQuery, ListResult } from '#src/common/list-query.js';
import { AskConversation } from '../entities/ask-conversation.entity.js';
import { AskTurn } from '../entities/ask-turn.entity.js';

const TITLE_CHARS = 200;

export type NewTurn = Omit<AskTurnView, 'id' | 'createdAt'>;

const RETENTION_NOTICE =
  'The retention policy deleted a meeting this answer quoted while it was being written; the answer was not kept.';

const conversationView = (c: AskConversation): AskConversationView => ({
  id: c.id,
  title: c.title,
  workspaceId: c.workspace.id,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const turnView = (t: AskTurn): AskTurnView => ({
  id: t.id,
  question: t.question,
  answer: t.answer,
  citations: t.citations,
  found: t.found,
  provider: t.provider ?? null,
  fallbackUsed: t.fallbackUsed,
  createdAt: t.createdAt.toISOString(),
});

/** Conversations are read and written only through (workspace, user): another user's id is not found. */
@Injectable()
export class AskConversationsRepository {
  static readonly sortable = ['updatedAt', 'createdAt', 'title'];

  constructor(private readonly em: EntityManager) {}

  async create(workspaceId: string, userId: string, question: string): Promise<AskConversationView> {
    const em = this.em.fork();
    const title = question.replace(/\s+/g, ' ').trim();
    const conversation = em.create(AskConversation, {
      workspace: workspaceId,
      user: userId,
      title: title.length > TITLE_CHARS ? `${title.slice(0, TITLE_CHARS - 1)}…` : title,
    });
    await em.flush();
    return conversationView(conversation);
  }

  async find(workspaceId: string, userId: string, id: string): Promise<AskConversationView | null> {
    const conversation = await this.em
      .fork()
      .findOne(AskConversation, { id, workspace: workspaceId, user: userId });
    return conversation ? conversationView(conversation) : null;
  }

  async list(
    workspaceId: string,
    userId: string,
    query: ListQuery,
  ): Promise<ListResult<AskConversationView>> {
    const [items, total] = await this.em.fork().findAndCount(
      AskConversation,
      { workspace: workspaceId, user: userId },
      {
        orderBy: { [query.sort.field]: query.sort.order, id: 'ASC' },
        offset: query.range.start,
        limit: query.range.end - query.range.start + 1,
      },
    );
    return { items: items.map(conversationView), total };
  }

  /** The conversation's turns, oldest first; the last `limit` of them when given. */
  async turns(conversationId: string, limit?: number): Promise<AskTurnView[]> {
    if (limit === 0) return [];
    const em = this.em.fork();
    const turns = await em.find(
      AskTurn,
      { conversation: conversationId },
      { orderBy: { createdAt: 'DESC', id: 'DESC' }, ...(limit === undefined ? {} : { limit }) },
    );
    return turns.reverse().map(turnView);
  }

  /**
   * Saves a turn. Its quotes are transcript text, which retention deletes with the sessions' turns:
   * the cited sessions are read FOR SHARE in the same transaction, so a retention run either waits
   * and then deletes this turn with the others, or ran first and the turn keeps no quote of it.
   */
  async addTurn(conversationId: string, turn: NewTurn): Promise<AskTurnView> {
    const saved = await this.em.fork().transactional(async (em) => {
      const cited = [...new Set(turn.citations.map((c) => c.sessionId))];
      let kept = turn;
      if (cited.length > 0) {
        const alive = (await em
          .getConnection()
          .execute(
            `select "id" from "session" where "id" in (${cited.map(() => '?').join(', ')}) and "content_deleted" is null for share`,
            cited,
            'all',
            em.getTransactionContext(),
          )) as { id: string }[];
        if (alive.length < cited.length)
          kept = { ...turn, answer: RETENTION_NOTICE, citations: [], found: false };
      }
      const conversation = em.getReference(AskConversation, conversationId);
      const row = em.create(AskTurn, { conversation, ...kept });
      await em.flush();
      await em.nativeUpdate(AskConversation, { id: conversationId }, { updatedAt: row.createdAt });
      return row;
    });
    return turnView(saved);
  }

  async remove(workspaceId: string, userId: string, id: string): Promise<boolean> {
    return (
      (await this.em.fork().nativeDelete(AskConversation, { id, workspace: workspaceId, user: userId })) > 0
    );
  }
}
