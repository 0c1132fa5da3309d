import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { StoredWorkspaceSettings } from '#src/workspaces/workspace-settings.js';

export interface PartRow {
  startSample: number;
  sampleCount: number;
  key: string;
}

/** The `recording_part` rows of live sessions being kept, and what deciding to keep them reads. */
@Injectable()
export class RecordingPartsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Idempotent: a part written again (same key: same samples) is not listed twice. */
  async insert(sessionId: string, part: PartRow): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "recording_part" ("id", "created_at", "updated_at", "session_id", "start_sample", "sample_count", "key")
       values (gen_random_uuid(), now(), now(), ?, ?, ?, ?) on conflict ("key") do nothing`,
      [sessionId, part.startSample, part.sampleCount, part.key],
    );
  }

  /** In timeline order; of two parts that start together, the longer first. */
  async forSession(sessionId: string): Promise<PartRow[]> {
    const rows = (await this.em.getConnection().execute(
      `select "start_sample", "sample_count", "key" from "recording_part" where "session_id" = ? order by "start_sample", "sample_count" desc`,
      [sessionId],
    )) as { start_sample: string | number; sample_count: number; key: string }[];
    return rows.map((r) => ({ startSample: Number(r.start_sample), sampleCount: r.sample_count, key: r.key }));
  }

  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.em.getConnection().execute(`delete from "recording_part" where "key" in (${keys.map(() => '?').join(', ')})`, keys);
  }

  async hasRecording(sessionId: string): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(`select 1 from "recording" where "session_id" = ?`, [sessionId])) as unknown[];
    return rows.length > 0;
  }

  async workspaceSettings(workspaceId: string): Promise<StoredWorkspaceSettings | null> {
    const rows = (await this.em.getConnection().execute(`select "settings" from "workspace" where "id" = ?`, [workspaceId])) as { settings: StoredWorkspaceSettings | null }[];
    return rows[0]?.settings ?? null;
  }
}
