import { Inject, Injectable } from '@nestjs/common';
import { sleep } from '#src/resilience/retry.js';
import { TranscriptionWorker } from '#src/transcription/processing/transcription-worker.service.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '#src/transcription/transcription.options.js';
import { AUDIO_STORE, type AudioStore } from './audio-store.js';
import type { Recording } from './entities/recording.entity.js';
import { RECORDING_SAMPLE_RATE } from './wav-header.js';

/** Stored audio goes through the spool one second a chunk, as a live client would send it. */
const PIECE_BYTES = RECORDING_SAMPLE_RATE * 2;
/** At most this many chunks (seconds) wait in the spool: the file is read as fast as it is transcribed, not into Redis at once. */
const MAX_SPOOLED = 120;
const POLL_MS = 50;

export interface FeedTarget {
  sessionId: string;
  recording: Pick<Recording, 'path' | 'format' | 'durationMs'>;
  /** The spool's streaming-lock holder name of this feeder. */
  holder: string;
  /** Keeps the feeder's claim alive; called often, renews when due. */
  renew(): Promise<void>;
  signal: AbortSignal;
}

/**
 * Feeds a stored recording into the session's spool for the live path and waits until the
 * session processor has transcribed all of it. The spool is durable and says how far an earlier
 * feeder got: a retry (or a run after a worker died) appends from the next chunk, and the
 * processor resumes from its replay checkpoint, skipping windows already persisted.
 */
@Injectable()
export class RecordingFeeder {
  constructor(
    private readonly spool: AudioSpool,
    private readonly worker: TranscriptionWorker,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(TRANSCRIPTION_OPTIONS) private readonly options: TranscriptionOptions,
  ) {}

  async feed(t: FeedTarget): Promise<void> {
    let meta = await this.spool.meta(t.sessionId);
    if (meta.fileMs === undefined) {
      // First run (or a spool left by the live session that kept this audio, or expired): from the start.
      await this.spool.reset(t.sessionId);
      await this.spool.markFile(t.sessionId, t.recording.durationMs);
      meta = await this.spool.meta(t.sessionId);
    } else if (meta.failed !== undefined) {
      await this.spool.reactivate(t.sessionId);
    }
    if (meta.done) return;
    if (!meta.ended) await this.append(t, meta.maxSeq + 1);
    // Whoever holds the processor lease (or this process, once a dead holder's lease lapsed) goes on.
    this.worker.ensure(t.sessionId, '');
    await this.waitDone(t);
  }

  private async append(t: FeedTarget, from: number): Promise<void> {
    const limits = { lockTtlMs: this.options.streamLockTtlMs, lookahead: this.options.seqLookahead };
    let seq = 0;
    for await (const data of this.store.readPcm(t.recording.path, PIECE_BYTES, t.recording.format)) {
      // Pieces are exactly one second (the last one shorter): the seq is the piece's index.
      if (seq < from) {
        seq++;
        continue;
      }
      t.signal.throwIfAborted();
      await t.renew();
      for (let step = 0; (await this.spool.length(t.sessionId)) >= MAX_SPOOLED; step++) {
        if (step % 20 === 19) this.worker.ensure(t.sessionId, '');
        await this.waitStep(t);
      }
      for (;;) {
        const result = await this.spool.append(t.sessionId, t.holder, limits, { seq, sampleRate: RECORDING_SAMPLE_RATE, data });
        if (result.verdict === 'FIRST' || result.verdict === 'OK' || result.verdict === 'DUP') {
          this.worker.ensure(t.sessionId, result.holder, result.entry);
          break;
        }
        // The streaming lock of a feeder that died lapses within the lock's TTL.
        if (result.verdict !== 'LOCKED') throw new Error(`the spool refused chunk ${seq}: ${result.verdict}`);
        await this.waitStep(t);
      }
      seq++;
    }
    await this.spool.releaseLock(t.sessionId, t.holder);
    await this.spool.end(t.sessionId);
  }

  /** Bounded like a live drain plus twice the audio's length; the processor's failure ends it at once. */
  private async waitDone(t: FeedTarget): Promise<void> {
    const deadline = Date.now() + this.options.drainTimeoutMs + 2 * t.recording.durationMs;
    for (let step = 0; Date.now() < deadline; step++) {
      if ((await this.spool.meta(t.sessionId)).done) return;
      // A processor that died with its worker: this process takes it over once its lease lapses.
      if (step % 20 === 19) this.worker.ensure(t.sessionId, '');
      await this.waitStep(t);
    }
    throw new Error('the recording was not transcribed in time');
  }

  /** One pause of the feeder: it stops when the processor gave up (its job retries) or the process stops. */
  private async waitStep(t: FeedTarget): Promise<void> {
    await sleep(POLL_MS, t.signal);
    await t.renew();
    const failed = (await this.spool.meta(t.sessionId)).failed;
    if (failed !== undefined) throw new Error(`the transcription stopped: ${failed}`);
  }
}
