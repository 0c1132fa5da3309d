import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { StatementBatcher } from '#src/database/statement-batcher.js';
import type { MeetingAnalytics } from './compute/compute-analytics.js';
import type { SessionAnalyticsRow } from './compute/workspace-trends.js';
import { Analytics } from './entities/analytics.entity.js';

export interface AnalyticsLabels {
  topics: string[];
  sentiment: number;
  fallbackUsed: boolean;
  model: string | null;
  provider: string | null;
}

interface AnalyticsRow {
  sessionId: string;
  metrics: MeetingAnalytics;
  labels: AnalyticsLabels;
}

@Injectable()
export class AnalyticsRepository implements OnModuleDestroy {
  /** The analytics stages of one burst write in one statement. */
  private readonly rows = new StatementBatcher<AnalyticsRow>((rows) => this.upsert(rows), 200, (row) => row.sessionId);

  constructor(private readonly em: EntityManager) {}

  async onModuleDestroy(): Promise<void> {
    await this.rows.flush();
  }

  /** One row per session; a re-run replaces it (keeping the row's id and creation time). */
  save(sessionId: string, metrics: MeetingAnalytics, labels: AnalyticsLabels): Promise<void> {
    return this.rows.add({ sessionId, metrics, labels });
  }

  private async upsert(rows: AnalyticsRow[]): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "analytics" ("id", "created_at", "updated_at", "session_id", "status", "talk_time", "words_per_minute", "turns", "sentiment", "engagement", "topics", "details")
       values ${rows.map(() => "(gen_random_uuid(), now(), now(), ?, 'ready', ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb)").join(', ')}
       on conflict ("session_id") do update set "updated_at" = excluded."updated_at", "status" = excluded."status", "talk_time" = excluded."talk_time",
         "words_per_minute" = excluded."words_per_minute", "turns" = excluded."turns", "sentiment" = excluded."sentiment",
         "engagement" = excluded."engagement", "topics" = excluded."topics", "details" = excluded."details"`,
      rows.flatMap(({ sessionId, metrics: m, labels }) => {
        const { speakers, topics: localTopics, sentiment: localSentiment, engagement, ...rest } = m;
        return [
          sessionId,
          JSON.stringify(speakers.map((s) => ({ speaker: s.speaker, talkMs: s.talkMs, share: s.share, words: s.words, turns: s.turns }))),
          m.wordsPerMinute,
          m.turns,
          labels.sentiment,
          engagement.score,
          JSON.stringify(labels.topics),
          JSON.stringify({ ...rest, speakers, engagement, localTopics, localSentiment, fallbackUsed: labels.fallbackUsed, model: labels.model, provider: labels.provider }),
        ];
      }),
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
