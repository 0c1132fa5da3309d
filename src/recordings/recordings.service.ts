import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { withContext } from '#src/database/with-context.js';
import { RedisService } from '#src/redis/redis.service.js';
import { sleep } from '#src/resilience/retry.js';
import { FinalizeHooks } from '#src/sessions/finalize-hooks.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { ASR_PROVIDER, type AsrProvider } from '#src/transcription/asr/asr-provider.js';
import { TranscriptionWorker } from '#src/transcription/processing/transcription-worker.service.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '#src/transcription/transcription.options.js';
import { AUDIO_STORE, type AudioStore } from './audio-store.js';
import { RecordingsRepository } from './recordings.repository.js';
import { spoolPcm } from './spool-pcm.js';
import { RECORDING_SAMPLE_RATE } from './wav-header.js';

/** Kept audio goes back through the spool one second a chunk, as a live client would send it. */
const PIECE_BYTES = RECORDING_SAMPLE_RATE * 2;
/** At most this many chunks (seconds) wait in the spool: the file is read as fast as it is transcribed, not into Redis at once. */
const MAX_SPOOLED = 120;
/** One process feeds a session's kept audio at a time; the claim lapses this long after its holder stops renewing it. */
const CLAIM_TTL_MS = 60_000;
/** Sessions picked up again at start, at most. */
const RESUME_BATCH = 100;

interface SessionRef {
  id: string;
  workspaceId: string;
}

/**
 * The recording store's side of a session's audio: audio nothing could transcribe (no speech
 * recognizer) is moved from the spool into the store at finalization; once a recognizer is
 * configured, it is spooled again and goes through the live path (VAD → windows → ASR →
 * reconciliation → segments), after which the one finalization runs the pipeline.
 */
@Injectable()
export class RecordingsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RecordingsService.name);
  private readonly running = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    private readonly hooks: FinalizeHooks,
    private readonly spool: AudioSpool,
    private readonly worker: TranscriptionWorker,
    private readonly repo: RecordingsRepository,
    private readonly sessionsRepo: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly orm: MikroORM,
    private readonly redis: RedisService,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(ASR_PROVIDER) private readonly asr: AsrProvider,
    @Inject(TRANSCRIPTION_OPTIONS) private readonly options: TranscriptionOptions,
  ) {}

  onModuleInit(): void {
    this.hooks.onKeep((session) => this.keep(session), {
      asrConfigured: this.asr.info.configured,
      hasKept: (sessionId) => this.hasKept(sessionId),
      start: (session) => this.start(session),
    });
  }

  /**
   * A process that stopped while transcribing kept audio left its sessions `transcribing`: they
   * start over from the file (windows already persisted are not sent to the ASR again).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.asr.info.configured) return;
    const left = await withContext(this.orm, () => this.sessionsRepo.transcribing(RESUME_BATCH)).catch((e: Error) => {
      this.logger.warn(`Could not look for sessions left transcribing: ${e.message}`);
      return [];
    });
    for (const session of left) this.start(session);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    // Each feed stops at its next step; a step waiting on Redis or the disk is not waited for long.
    await Promise.race([Promise.allSettled(this.running.values()), sleep(5_000)]);
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

  /** Transcribes the kept audio in the background (the session is `transcribing` meanwhile). */
  start(session: SessionRef): void {
    if (this.running.has(session.id)) return;
    const work = withContext(this.orm, () => this.transcribe(session))
      .catch(async (error: Error) => {
        this.logger.error(`Session ${session.id}: transcribing the kept audio failed: ${error.stack ?? error.message}`);
        // Back to not_transcribed, so that it can be tried again.
        await withContext(this.orm, () => this.sessionsRepo.markNotTranscribedAgain(session.id)).catch(() => undefined);
      })
      .finally(() => this.running.delete(session.id));
    this.running.set(session.id, work);
  }

  private async transcribe(session: SessionRef): Promise<void> {
    const holder = `recording:${this.worker.ownerId}`;
    const claim = this.redis.key('recording', session.id, 'transcribing');
    // Another process feeds it already (both picked it up at start).
    if ((await this.redis.client.set(claim, holder, 'PX', CLAIM_TTL_MS, 'NX')) !== 'OK') return;
    try {
      await this.feed(session, holder, claim);
    } finally {
      await this.redis.client.del(claim).catch(() => undefined);
    }
  }

  private async feed(session: SessionRef, holder: string, claim: string): Promise<void> {
    const recording = await this.repo.forSession(session.id);
    if (!recording) throw new Error('no recording row');
    await this.spool.reset(session.id);
    let seq = 0;
    for await (const data of this.store.readPcm(recording.path, PIECE_BYTES)) {
      // Shutting down: the session stays `transcribing` and the next start picks it up.
      if (this.closing) return;
      if (seq % 10 === 0) await this.redis.client.pexpire(claim, CLAIM_TTL_MS);
      while ((await this.spool.length(session.id)) >= MAX_SPOOLED) {
        if (this.closing) return;
        await sleep(50);
      }
      const result = await this.spool.append(session.id, holder, { lockTtlMs: this.options.streamLockTtlMs, lookahead: this.options.seqLookahead }, { seq, sampleRate: RECORDING_SAMPLE_RATE, data });
      if (result.verdict !== 'FIRST' && result.verdict !== 'OK' && result.verdict !== 'DUP') throw new Error(`spool refused chunk ${seq}: ${result.verdict}`);
      this.worker.ensure(session.id, result.holder, result.entry);
      seq++;
    }
    await this.spool.releaseLock(session.id, holder);
    // Bounded like a live drain, plus the audio's own length: the finalize below drains what is left.
    await this.spool.end(session.id);
    this.worker.ensure(session.id, '');
    const deadline = Date.now() + this.options.drainTimeoutMs + 2 * recording.durationMs;
    while (!(await this.spool.meta(session.id)).done && Date.now() < deadline) {
      if (this.closing) return;
      await this.redis.client.pexpire(claim, CLAIM_TTL_MS);
      await sleep(100);
    }
    const loaded = await this.sessionsRepo.findOne(session.workspaceId, session.id);
    if (!loaded) return;
    await this.sessions.finalizeLoaded(loaded, 'transcribe');
  }
}
