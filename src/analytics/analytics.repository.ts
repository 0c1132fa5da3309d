import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import type { MeetingAnalytics } from './compute/compute-analytics.js';
import type { SessionAnalyticsRow } from './compute/workspace-trends.js';
import { Analytics } from './entities/analytics.entity.js';

export interface AnalyticsLabels {
  topics: string[];
  sentiment: number;
  fallbackUsed: boolean;
  model: string | null;
}

@Injectable()
export class AnalyticsRepository {
  constructor(private readonly em: EntityManager) {}

  /** One row per session; a re-run replaces it. */
  async save(sessionId: string, m: MeetingAnalytics, labels: AnalyticsLabels): Promise<void> {
    const { speakers, topics: localTopics, sentiment: localSentiment, engagement, ...rest } = m;
    await this.em.upsert(
      Analytics,
      {
        // Used on insert only: a re-run keeps the row's id and creation time.
        id: randomUUID(),
        createdAt: new Date(),
        session: this.em.getReference(TranscriptionSession, sessionId),
        status: 'ready',
        talkTime: speakers.map((s) => ({ speaker: s.speaker, talkMs: s.talkMs, share: s.share, words: s.words, turns: s.turns })),
        wordsPerMinute: m.wordsPerMinute,
        turns: m.turns,
        sentiment: labels.sentiment,
        engagement: engagement.score,
        topics: labels.topics,
        details: { ...rest, speakers, engagement, localTopics, localSentiment, fallbackUsed: labels.fallbackUsed, model: labels.model },
        updatedAt: new Date(),
      },
      { onConflictFields: ['session'], onConflictExcludeFields: ['id', 'createdAt'] },
    );
  }

  forSession(workspaceId: string, sessionId: string): Promise<Analytics | null> {
    return this.em.findOne(Analytics, { session: { id: sessionId, workspace: workspaceId } });
  }

  /** Analysed sessions of a workspace that started in [from, to). */
  async trendRows(workspaceId: string, from: Date, to: Date): Promise<SessionAnalyticsRow[]> {
    const rows = (await this.em.getConnection().execute(
      `select coalesce(s."started_at", s."created_at") as date, coalesce((a."details"->>'durationMs')::float, 0) as "durationMs",
              a."words_per_minute" as "wordsPerMinute", a."engagement", a."sentiment"
         from "analytics" a join "session" s on s."id" = a."session_id"
        where s."workspace_id" = ? and a."status" = 'ready'
          and coalesce(s."started_at", s."created_at") >= ? and coalesce(s."started_at", s."created_at") < ?`,
      [workspaceId, from, to],
    )) as SessionAnalyticsRow[];
    return rows;
  }
}
