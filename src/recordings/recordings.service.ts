import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { withContext } from '#src/database/with-context.js';
import { jobOptions, sessionJobId } from '#src/jobs/jobs.js';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { FinalizeHooks, type RecordingProgress } from '#src/sessions/finalize-hooks.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { ASR_PROVIDER, type AsrProvider } from '#src/transcription/asr/asr-provider.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import { TranscriptionEvents } from '#src/transcription/transcription-events.service.js';
import { AUDIO_STORE, type AudioStore } from './audio-store.js';
import { RecordingsRepository } from './recordings.repository.js';
import { spoolPcm } from './spool-pcm.js';

/** Sessions picked up again at start, at most. */
const RESUME_BATCH = 100;
/** Waiting jobs looked at for queue positions, at most (the rest are told when they move up). */
const QUEUE_WINDOW = 1_000;
const UUID_TAIL = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface SessionRef {
  id: string;
  workspaceId: string;
}

/** Transcribed audio over the recording's length, 0..1. */
export function fractionDone(transcribedMs: number, durationMs: number): number {
  if (!(durationMs > 0)) return 0;
  return Math.min(1, Math.max(0, Math.round((transcribedMs / durationMs) * 1000) / 1000));
}

/**
 * The recording store's side of a session's audio. Audio nothing could transcribe (no speech
 * recognizer) is moved from the spool into the store at finalization. Stored audio (kept live
 * audio, uploads) is transcribed by a `transcribe-recording` job on a worker process (see
 * TranscribeRecordingProcessor), through the live path, after which the one finalization runs
 * the pipeline.
 */
@Injectable()
export class RecordingsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(RecordingsService.name);

  constructor(
    private readonly hooks: FinalizeHooks,
    private readonly spool: AudioSpool,
    private readonly repo: RecordingsRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly orm: MikroORM,
    private readonly queues: PipelineQueues,
    private readonly events: TranscriptionEvents,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(ASR_PROVIDER) private readonly asr: AsrProvider,
  ) {}

  onModuleInit(): void {
    this.hooks.onKeep((session) => this.keep(session), {
      asrConfigured: this.asr.info.configured,
      hasKept: (sessionId) => this.hasKept(sessionId),
      start: (session) => this.start(session),
      progress: (session) => this.progress(session),
    });
  }

  /**
   * Sessions left `transcribing` whose job is gone (e.g. started before jobs existed) are queued
   * again; a job whose worker died is run again by BullMQ's stalled-job check, and either way the
   * work resumes from the last persisted window.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.asr.info.configured) return;
    const left = await withContext(this.orm, () => this.sessionsRepo.transcribing(RESUME_BATCH)).catch((e: Error) => {
      this.logger.warn(`Could not look for sessions left transcribing: ${e.message}`);
      return [];
    });
    for (const session of left) await this.start(session).catch((e: Error) => this.logger.warn(`Session ${session.id}: could not queue it again: ${e.message}`));
  }

  /** Moves the session's spooled audio into the store; the spool lets go of it only once the file is durable. */
  async keep(session: SessionRef): Promise<number | null> {
    const meta = await this.spool.meta(session.id);
    const existing = await this.repo.forSession(session.id);
    // A concurrent finalize kept it already (and emptied the spool).
    if (existing && (await this.spool.length(session.id)) === 0) return existing.durationMs;
    if (!meta.started) return null;
    const stored = await this.store.write(session.id, spoolPcm(this.spool, session.id));
    await this.repo.save(session, stored);
    await this.spool.discardAudio(session.id);
    this.logger.log(`Session ${session.id}: ${Math.round(stored.durationMs / 1000)} s of untranscribed audio kept in ${stored.path}`);
    return stored.durationMs;
  }

  async hasKept(sessionId: string): Promise<boolean> {
    const recording = await this.repo.forSession(sessionId);
    return recording !== null && (await this.store.exists(recording.path));
  }

  /**
   * Queues the transcription of the session's stored recording. The job id derives from the
   * session, so queuing it again while it waits or runs is a no-op; a finished or failed job of
   * an earlier try makes way for the new one.
   */
  async start(session: SessionRef): Promise<void> {
    const name = 'transcribe-recording';
    const data = { sessionId: session.id, workspaceId: session.workspaceId };
    const queue = this.queues.queue('recordings');
    const existing = await queue.getJob(sessionJobId(name, session.id));
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove();
    }
    await queue.add(name, data, jobOptions(name, this.queues.settings, data));
    await this.announceQueue().catch((e: Error) => this.logger.debug(`queue positions: ${e.message}`));
  }

  /** REST view of a stored recording's transcription: progress while `transcribing`, queue position while `queued`. */
  async progress(session: { id: string; status: string; stats: Record<string, unknown> }): Promise<RecordingProgress> {
    if (session.status === 'queued') {
      const position = (await this.waiting()).indexOf(session.id);
      return position >= 0 ? { queuePosition: position + 1 } : {};
    }
    if (session.status !== 'transcribing') return {};
    const recording = await this.repo.forSession(session.id);
    if (!recording) return {};
    const ck = session.stats.transcription as { endSample?: number } | undefined;
    return { progress: fractionDone((ck?.endSample ?? 0) / 16, recording.durationMs) };
  }

  /** Tells every waiting session its place in the queue (when one is added and when one starts). */
  async announceQueue(): Promise<void> {
    const waiting = await this.waiting();
    const queued = await withContext(this.orm, () => this.sessionsRepo.queuedAmong(waiting));
    waiting.forEach((sessionId, i) => {
      if (queued.has(sessionId)) this.events.status({ sessionId, status: 'queued', queuePosition: i + 1 });
    });
  }

  /** Sessions of the jobs waiting in the recordings queue (transcriptions and ingests alike), next first. */
  private async waiting(): Promise<string[]> {
    const ids = await this.queues.queue('recordings').getRanges(['wait', 'prioritized'], 0, QUEUE_WINDOW - 1, true);
    const sessions = ids.map((id) => UUID_TAIL.exec(id)?.[0]).filter((id): id is string => id !== undefined);
    return [...new Set(sessions)];
  }
}
