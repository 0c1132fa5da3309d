import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { AskConversationView, AskTurnView, Citation } from '@mina/contract/ask';
import type { ListQuery, ListResult } from '#src/common/list-query.js';
import { AskConversation } from '../entities/ask-conversation.entity.js';
import { AskTurn } from '../entities/ask-turn.entity.js';

const TITLE_CHARS = 200;

export interface NewTurn {
  question: string;
  answer: string;
  citations: Citation[];
  found: boolean;
  provider: string | null;
  fallbackUsed: boolean;
}

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

  async addTurn(conversationId: string, turn: NewTurn): Promise<AskTurnView> {
    const em = this.em.fork();
    const conversation = em.getReference(AskConversation, conversationId);
    const saved = em.create(AskTurn, { conversation, ...turn });
    await em.flush();
    await em.nativeUpdate(AskConversation, { id: conversationId }, { updatedAt: saved.createdAt });
    return turnView(saved);
  }

  async remove(workspaceId: string, userId: string, id: string): Promise<boolean> {
    return (
      (await this.em.fork().nativeDelete(AskConversation, { id, workspace: workspaceId, user: userId })) > 0
    );
  }
}
