import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { StoredAudio } from './audio-store.js';
import { Recording } from './entities/recording.entity.js';

/** The `recording` rows: one per session. */
@Injectable()
export class RecordingsRepository {
  constructor(private readonly em: EntityManager) {}

  forSession(sessionId: string): Promise<Recording | null> {
    return this.em.findOne(Recording, { session: sessionId }, { refresh: true });
  }

  /** The session's recording if the session belongs to `workspaceId` (what every caller-facing read uses); peaks only when asked. */
  forSessionInWorkspace(workspaceId: string, sessionId: string, options: { withPeaks?: boolean } = {}): Promise<Recording | null> {
    return this.em.findOne(Recording, { session: sessionId, workspace: workspaceId }, { refresh: true, ...(options.withPeaks ? { populate: ['peaks'] as const } : {}) });
  }

  /** Inserts or replaces the session's row (a second finalize that kept the same audio writes the same file). */
  async save(session: { id: string; workspaceId: string }, stored: StoredAudio): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "recording" ("id", "created_at", "updated_at", "session_id", "workspace_id", "path", "format", "sample_rate", "channels", "duration_ms", "size_bytes", "sha256", "content_type", "peaks")
       values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict ("session_id") do update set "updated_at" = now(), "path" = excluded."path", "format" = excluded."format",
         "sample_rate" = excluded."sample_rate", "channels" = excluded."channels", "duration_ms" = excluded."duration_ms",
         "size_bytes" = excluded."size_bytes", "sha256" = excluded."sha256",
         "content_type" = excluded."content_type", "peaks" = excluded."peaks"`,
      [session.id, session.workspaceId, stored.path, stored.format, stored.sampleRate, stored.channels, stored.durationMs, stored.sizeBytes, stored.sha256, stored.contentType, stored.peaks],
    );
  }
}
