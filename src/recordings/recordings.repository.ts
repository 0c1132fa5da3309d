import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { WEBHOOK_EVENTS, type WebhookEventSink } from '#src/integrations/webhooks/webhook-events.port.js';
import type { StoredAudio } from './audio-store.js';
import { Recording } from './entities/recording.entity.js';

/** The `recording` rows: one per session. */
@Injectable()
export class RecordingsRepository {
  constructor(
    private readonly em: EntityManager,
    @Optional() @Inject(WEBHOOK_EVENTS) private readonly webhooks?: WebhookEventSink,
  ) {}

  forSession(sessionId: string): Promise<Recording | null> {
    return this.em.findOne(Recording, { session: sessionId }, { refresh: true });
  }

  /** The session's recording if the session belongs to `workspaceId` (what every caller-facing read uses); peaks only when asked. */
  forSessionInWorkspace(workspaceId: string, sessionId: string, options: { withPeaks?: boolean } = {}): Promise<Recording | null> {
    return this.em.findOne(Recording, { session: sessionId, workspace: workspaceId }, { refresh: true, ...(options.withPeaks ? { populate: ['peaks'] as const } : {}) });
  }

  /** Inserts or replaces the session's row (a second finalize that kept the same audio writes the same file); a new file is not deleted. */
  async save(session: { id: string; workspaceId: string }, stored: StoredAudio): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "recording" ("id", "created_at", "updated_at", "session_id", "workspace_id", "path", "format", "sample_rate", "channels", "duration_ms", "size_bytes", "sha256", "content_type", "peaks")
       values (gen_random_uuid(), now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict ("session_id") do update set "updated_at" = now(), "path" = excluded."path", "format" = excluded."format",
         "sample_rate" = excluded."sample_rate", "channels" = excluded."channels", "duration_ms" = excluded."duration_ms",
         "size_bytes" = excluded."size_bytes", "sha256" = excluded."sha256",
         "content_type" = excluded."content_type", "peaks" = excluded."peaks",
         "deleted_at" = null, "deleted_reason" = null`,
      [session.id, session.workspaceId, stored.path, stored.format, stored.sampleRate, stored.channels, stored.durationMs, stored.sizeBytes, stored.sha256, stored.contentType, stored.peaks],
    );
    // Every path that stores a session's audio (an upload decoded, a live session's audio kept) comes through here.
    await this.webhooks?.publish({
      workspaceId: session.workspaceId,
      type: 'recording.synced',
      key: `recording.synced:${session.id}:${stored.sha256}`,
      data: { sessionId: session.id, format: stored.format, durationMs: stored.durationMs, sizeBytes: stored.sizeBytes, sha256: stored.sha256, contentType: stored.contentType },
    });
  }
}
