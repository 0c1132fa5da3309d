import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

export interface TokenUsageEntry {
  workspaceId: string;
  sessionId?: string;
  purpose: string;
  model: string;
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

@Injectable()
export class TokenUsageRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Append-only: concurrent stages of one workspace never contend on a counter row. One plain
   * INSERT, outside any unit of work or transaction: a transaction here held a pool connection
   * across three round trips per LLM call, which starved the pool under load.
   */
  async record(entry: TokenUsageEntry): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "token_usage" ("id", "created_at", "updated_at", "workspace_id", "session_id", "purpose", "model", "prompt_tokens", "completion_tokens", "total_tokens")
       values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?)`,
      [entry.workspaceId, entry.sessionId ?? null, entry.purpose, entry.model, entry.promptTokens, entry.completionTokens, entry.totalTokens],
    );
  }

  async totals(workspaceId: string, from: Date, to: Date): Promise<TokenUsageTotals> {
    const rows = (await this.em.getConnection().execute(
      `select count(*)::int as requests, coalesce(sum(prompt_tokens), 0)::int as prompt, coalesce(sum(completion_tokens), 0)::int as completion,
              coalesce(sum(total_tokens), 0)::int as total
         from token_usage where workspace_id = ? and created_at >= ? and created_at < ?`,
      [workspaceId, from, to],
    )) as { requests: number; prompt: number; completion: number; total: number }[];
    const row = rows[0];
    return { requests: row?.requests ?? 0, promptTokens: row?.prompt ?? 0, completionTokens: row?.completion ?? 0, totalTokens: row?.total ?? 0 };
  }
}
