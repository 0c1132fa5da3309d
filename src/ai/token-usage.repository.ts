import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { TokenUsage } from './entities/token-usage.entity.js';

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

  /** Append-only: concurrent stages of one workspace never contend on a counter row. */
  async record(entry: TokenUsageEntry): Promise<void> {
    const em = this.em.fork();
    const { workspaceId, ...rest } = entry;
    em.create(TokenUsage, { ...rest, workspace: em.getReference(Workspace, workspaceId) });
    await em.flush();
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
