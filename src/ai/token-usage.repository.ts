import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { StatementBatcher } from '#src/database/statement-batcher.js';

export interface TokenUsageEntry {
  workspaceId: string;
  sessionId?: string;
  purpose: string;
  model: string;
  /** The provider (MINA_LLM_PROVIDERS name) that spent them. */
  provider: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface TokenUsageTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type TokenUsageByModel = TokenUsageTotals & { model: string };
export type TokenUsageByDay = TokenUsageTotals & { day: string };

/** Rows per INSERT at most (10 parameters each, well under PostgreSQL's 65,535). */
const MAX_BATCH = 1000;

@Injectable()
export class TokenUsageRepository implements OnModuleDestroy {
  private readonly batcher = new StatementBatcher<TokenUsageEntry>((entries) => this.insert(entries), MAX_BATCH);

  constructor(private readonly em: EntityManager) {}

  /**
   * Append-only: concurrent stages of one workspace never contend on a counter row. Entries
   * recorded in the same turn of the event loop go out as one multi-row INSERT, outside any
   * unit of work (one round trip for a burst of LLM answers instead of one each).
   */
  record(entry: TokenUsageEntry): Promise<void> {
    return this.batcher.add(entry);
  }

  async onModuleDestroy(): Promise<void> {
    await this.batcher.flush();
  }

  private async insert(entries: TokenUsageEntry[]): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "token_usage" ("id", "created_at", "updated_at", "workspace_id", "session_id", "purpose", "model", "provider", "prompt_tokens", "completion_tokens", "total_tokens")
       values ${entries.map(() => '(gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      entries.flatMap((e) => [e.workspaceId, e.sessionId ?? null, e.purpose, e.model, e.provider, e.promptTokens, e.completionTokens, e.totalTokens]),
    );
  }

  async totals(workspaceId: string, from: Date, to: Date): Promise<TokenUsageTotals> {
    const [row] = await this.sums<object>(workspaceId, from, to, '', '');
    return row ?? { requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  }

  /** Totals per model (most tokens first) and per UTC day (days with usage only, oldest first) in [from, to). */
  async breakdown(workspaceId: string, from: Date, to: Date): Promise<{ byModel: TokenUsageByModel[]; byDay: TokenUsageByDay[] }> {
    const [byModel, byDay] = await Promise.all([
      this.sums<{ model: string }>(workspaceId, from, to, '"model",', 'group by "model" order by "totalTokens" desc, "model"'),
      this.sums<{ day: string }>(workspaceId, from, to, `to_char("created_at" at time zone 'UTC', 'YYYY-MM-DD') as "day",`, 'group by 1 order by 1'),
    ]);
    return { byModel, byDay };
  }

  /** Sums are bigint in SQL (a busy workspace passes 2^31 tokens); they come back as numbers. */
  private async sums<K extends object>(workspaceId: string, from: Date, to: Date, keys: string, tail: string): Promise<(K & TokenUsageTotals)[]> {
    const rows = (await this.em.getConnection().execute(
      `select ${keys} count(*)::int as "requests", coalesce(sum("prompt_tokens"), 0)::bigint as "promptTokens",
              coalesce(sum("completion_tokens"), 0)::bigint as "completionTokens", coalesce(sum("total_tokens"), 0)::bigint as "totalTokens"
         from "token_usage" where "workspace_id" = ? and "created_at" >= ? and "created_at" < ? ${tail}`,
      [workspaceId, from, to],
    )) as (K & Record<keyof TokenUsageTotals, number | string>)[];
    return rows.map((r) => ({ ...r, requests: Number(r.requests), promptTokens: Number(r.promptTokens), completionTokens: Number(r.completionTokens), totalTokens: Number(r.totalTokens) }));
  }
}
