import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { withContext } from '#src/database/with-context.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { RedisService } from '#src/redis/redis.service.js';
import { sleep } from '#src/resilience/retry.js';
import type { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { TranscriptionWorker } from '#src/transcription/processing/transcription-worker.service.js';
import { TranscriptionEvents } from '#src/transcription/transcription-events.service.js';
import { TranscriptionRepository } from '#src/transcription/transcription.repository.js';
import type { Recording } from './entities/recording.entity.js';
import { RecordingFeeder, type FeedTarget } from './recording-feeder.js';
import { RecordingsRepository } from './recordings.repository.js';
import { fractionDone, RecordingsService } from './recordings.service.js';

/** Progress goes to the session room at most this often. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * The `transcribe-recording` job (worker and all processes): queued → transcribing, the stored
 * PCM fed through the session's spool into the live path (SessionProcessor), then the one
 * finalize. A Redis claim keeps two workers from feeding one session. The work is idempotent: a
 * retry, or a run after a worker died mid-file, resumes from the last persisted window.
 */
@Injectable()
export class TranscribeRecordingProcessor {
  private readonly logger = new Logger(TranscribeRecordingProcessor.name);

  constructor(
    private readonly feeder: RecordingFeeder,
    private readonly recordings: RecordingsService,
    private readonly repo: RecordingsRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly transcripts: TranscriptionRepository,
    private readonly worker: TranscriptionWorker,
    private readonly events: TranscriptionEvents,
    private readonly queues: PipelineQueues,
    private readonly redis: RedisService,
    private readonly orm: MikroORM,
  ) {}

  @OnJob('transcribe-recording')
  async run(job: Job<SessionJobData>, token?: string, stopping?: AbortSignal): Promise<void> {
    const ref = { id: job.data.sessionId, workspaceId: job.data.workspaceId };
    const session = await this.db(() => this.sessionsRepo.findOne(ref.workspaceId, ref.id));
    // Deleted, or finished by an earlier run of this job.
    if (!session) return;
    if (session.status === 'queued') await this.db(() => this.sessionsRepo.startTranscribing(ref.id));
    else if (session.status !== 'transcribing') return;
    void this.recordings.announceQueue().catch(() => undefined);
    const signal = stopping ?? new AbortController().signal;
    try {
      const finalized = await this.claimed(ref.id, signal, (renew) => this.transcribe(session, renew, signal));
      if (finalized) this.events.status({ sessionId: ref.id, status: 'processing' });
    } catch (error) {
      if (signal.aborted) {
        // Shutting down: the job goes back to the queue as it is (no attempt spent); any worker resumes it.
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      const last = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(`Session ${ref.id}: transcribing the recording failed (try ${job.attemptsMade + 1}${last ? ', the last' : ''}): ${(error as Error).message}`);
      if (last) await this.failed(session, error as Error);
      throw error;
    }
  }

  /**
   * Runs `work` while holding the session's feed claim. Another worker may still hold it (a job
   * its lock lost while it lives): wait until it lets go or lapses, or until that one finished it.
   * Resolves false when this run did not finalize the session.
   */
  private async claimed(sessionId: string, signal: AbortSignal, work: (renew: () => Promise<void>) => Promise<boolean>): Promise<boolean> {
    const holder = `recording:${this.worker.ownerId}`;
    const claim = this.redis.key('recording', sessionId, 'transcribing');
    const ttl = this.queues.settings.lockMs;
    while ((await this.redis.client.set(claim, holder, 'PX', ttl, 'NX')) !== 'OK') {
      if ((await this.db(() => this.sessionsRepo.statusOf(sessionId))) !== 'transcribing') return false;
      await sleep(Math.min(1_000, ttl / 4), signal);
    }
    let renewedAt = Date.now();
    const renew = async () => {
      if (Date.now() - renewedAt < ttl / 3) return;
      renewedAt = Date.now();
      await this.redis.client.pexpire(claim, ttl);
    };
    try {
      return await work(renew);
    } finally {
      // Only our own claim: after a long stall another worker may hold it now.
      if ((await this.redis.client.get(claim).catch(() => null)) === holder) await this.redis.client.del(claim).catch(() => undefined);
    }
  }

  private async transcribe(session: TranscriptionSession, renew: () => Promise<void>, signal: AbortSignal): Promise<boolean> {
    const recording = await this.db(() => this.repo.forSession(session.id));
    if (!recording) throw new UnrecoverableError('The session has no stored recording');
    const target: FeedTarget = { sessionId: session.id, recording, holder: `recording:${this.worker.ownerId}`, renew, signal };
    const stopProgress = this.reportProgress(session.id, recording);
    try {
      await this.feeder.feed(target);
    } finally {
      stopProgress();
    }
    this.events.status({ sessionId: session.id, status: 'transcribing', progress: 1 });
    const loaded = await this.db(() => this.sessionsRepo.findOne(session.workspace.id, session.id));
    if (!loaded) return false;
    return (await this.db(() => this.sessions.finalizeLoaded(loaded, 'transcribe'))).finalizedNow;
  }

  /** `session:status` with the fraction transcribed (the persisted checkpoint), when it moved, about once a second. */
  private reportProgress(sessionId: string, recording: Recording): () => void {
    let last = -1;
    const tick = async () => {
      const ck = await this.db(() => this.transcripts.checkpoint(sessionId));
      const progress = fractionDone((ck?.endSample ?? 0) / 16, recording.durationMs);
      if (progress <= last) return;
      last = progress;
      this.events.status({ sessionId, status: 'transcribing', progress });
    };
    void tick().catch(() => undefined);
    const timer = setInterval(() => void tick().catch(() => undefined), PROGRESS_EVERY_MS);
    return () => clearInterval(timer);
  }

  /** The last try failed: an upload is `error` with the reason; kept live audio is `not_transcribed` again. */
  private async failed(session: TranscriptionSession, error: Error): Promise<void> {
    await this.db(async () => {
      if (session.source === 'live') {
        await this.sessionsRepo.markNotTranscribedAgain(session.id);
        this.events.status({ sessionId: session.id, status: 'completed' });
        return;
      }
      await this.sessionsRepo.markRecordingFailed(session.id, { code: 'TRANSCRIPTION_FAILED', message: `The recording could not be transcribed: ${error.message}` });
      this.events.status({ sessionId: session.id, status: 'error' });
    }).catch((e: Error) => this.logger.error(`Session ${session.id}: could not record the failure: ${e.message}`));
  }

  private db<T>(fn: () => Promise<T>): Promise<T> {
    return withContext(this.orm, fn);
  }
}
