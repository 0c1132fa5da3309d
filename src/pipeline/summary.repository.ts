import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Summary, type SummaryItem } from './entities/summary.entity.js';

export interface SummaryData {
  overview: string;
  keyPoints: SummaryItem[];
  decisions: SummaryItem[];
  risks: SummaryItem[];
  questions: SummaryItem[];
  model: string | null;
  fallbackUsed: boolean;
}

@Injectable()
export class SummaryRepository {
  constructor(private readonly em: EntityManager) {}

  /** One summary per session; a re-run replaces it. */
  async save(sessionId: string, data: SummaryData): Promise<void> {
    await this.em.upsert(
      Summary,
      { ...data, id: randomUUID(), createdAt: new Date(), updatedAt: new Date(), model: data.model ?? undefined, session: this.em.getReference(TranscriptionSession, sessionId) },
      { onConflictFields: ['session'], onConflictExcludeFields: ['id', 'createdAt'] },
    );
  }

  /** Scoped by workspace through the session. */
  forSession(workspaceId: string, sessionId: string): Promise<Summary | null> {
    return this.em.findOne(Summary, { session: { id: sessionId, workspace: workspaceId } });
  }
}
