import { Logger } from '@nestjs/common';
import type { AudioSpan, AudioWindow, InterimWindow, WindowStats, WindowerEvent } from '../audio/audio-window.js';
import { decodePcm16 } from '../audio/pcm.js';
import { StreamingResampler } from '../audio/resampler.js';
import { SAMPLES_PER_MS } from '../audio/sample-rate.js';
import { AudioWindower } from '../audio/windower.js';
import type { AsrResult } from '../asr/asr-provider.js';
import { SpeakerMemory } from '../asr/speaker-memory.js';
import type { AudioSpool, SpoolEntry, StoredEntry } from '../spool/audio-spool.service.js';
import { compareIds, SpoolReader } from '../spool/spool-reader.js';
import type { NewSegment, TranscriptCheckpoint } from '../transcription.repository.js';
import type { SegmentEvent } from '../transcription.events.js';
import { AudioParts } from './audio-parts.js';
import { ChunkSequencer } from './chunk-sequencer.js';
import type { ProcessorDeps } from './processor-deps.js';
import { LeaseClock } from './lease-clock.js';
import { OrderedCommits } from './ordered-commits.js';
import { RedisRetry } from './redis-retry.js';
import { WindowAsr } from './window-asr.js';
import { windowText } from './window-transcriber.js';

/** Where a new owner starts replaying the spool: a chunk and the 16 kHz sample its audio starts at. */
export interface ReplayCheckpoint {
  seq: number;
  startSample: number;
}

type SpooledChunk = { id: string } & Required<SpoolEntry>['chunk'];
/** Where each chunk's audio starts in the 16 kHz stream: replay checkpoints and spool trimming. */
type ChunkMark = ReplayCheckpoint & { id: string };

/** Interim pieces are too short for the window energy checks; the text checks still apply. */
const INTERIM_STATS: WindowStats = { rms: 1, rmsDb: 0, speechDb: 0, noiseFloorDb: -100, voicedMs: 0 };
const TEXT_TAIL = 1_000;
const tail = (text: string) => (text.length > TEXT_TAIL ? text.slice(-TEXT_TAIL) : text);
const arrivalMs = (entryId: string) => Number(entryId.split('-')[0]);

/**
 * Transcribes one session while this process holds its lease: spool → resampler → windower →
 * ASR → hallucination filter → overlap reconciliation → segments (persisted with the checkpoint)
 * → `segment` events. A new owner resumes from the replay checkpoint; windows that end before the
 * persisted checkpoint are not sent again, so nothing is transcribed twice.
 *
 * A stored recording (the spool says so) is read faster than real time: up to `fileAsrConcurrency`
 * windows are at the ASR at once, each prompted with the transcript committed when it was sent,
 * and their results are reconciled, persisted and emitted strictly in window order, so the
 * checkpoint only ever advances past windows whose predecessors are persisted.
 */
export class SessionProcessor {
  private readonly logger = new Logger(SessionProcessor.name);
  private readonly abort = new AbortController();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly spool: AudioSpool;

  private ck!: TranscriptCheckpoint;
  private base = 0;
  private windower!: AudioWindower;
  private resampler: StreamingResampler | undefined;
  private rateStartSample = 0;
  private rateInput = 0;
  private scratch = new Float32Array(0);
  private position = 0;
  private sequencer!: ChunkSequencer<SpooledChunk>;
  private marks: ChunkMark[] = [];
  private lastArrival = 0;
  private language: string | undefined;
  private speakerNames: Record<string, string> = {};
  private speakers: SpeakerMemory | undefined;
  private interimBusy = false;
  private asr!: WindowAsr;
  /** The open window's interim so far: its text and the (window-relative) sample it covers up to. */
  private shown: { index: number; coveredTo: number; text: string } | undefined;
  private readonly interimShown = new Set<number>();
  private lastFinalIndex = -1;
  /** Set by the feeder of a stored recording: windows go out concurrently, no interims. */
  private file = false;
  private readonly finals = new OrderedCommits<AudioWindow, AsrResult | undefined>((w, result) => this.commit(w, result));
  private readonly reader: SpoolReader;
  private readonly lease: LeaseClock;
  /** The loop's Redis calls wait out a struggling Redis instead of ending the processor. */
  private readonly retry: RedisRetry;
  /** The session's audio, archived as it is transcribed (absent when it is not kept). */
  private parts: AudioParts | undefined;
  /** Audio entries read but not yet behind the trim point. */
  backlog = 0;

  constructor(
    readonly sessionId: string,
    private readonly deps: ProcessorDeps,
  ) {
    this.spool = deps.spool;
    this.reader = new SpoolReader(deps.spool, sessionId, deps.options.readBatch);
    this.retry = new RedisRetry(this.logger, `session ${sessionId}`, this.abort.signal);
    this.lease = new LeaseClock(deps.options.leaseTtlMs, () => this.retry.run('renewing the lease', () => deps.renewLease(sessionId)));
  }

  /** The worker set or renewed the lease with a request sent at `sentAt`. */
  leaseHeldSince(sentAt: number): void {
    this.lease.heldSince(sentAt);
  }

  /** A chunk the gateway of this process just stored (see SpoolReader). */
  offer(entry: StoredEntry): void {
    this.reader.offer(entry);
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  stop(reason = 'stopped'): void {
    if (!this.abort.signal.aborted) this.abort.abort(new Error(reason));
    this.wake();
  }

  /** Runs until the end marker is processed (true) or the processor is stopped (false). */
  async run(): Promise<boolean> {
    try {
      if (!(await this.init())) return true;
      while (!this.abort.signal.aborted) {
        const entries = await this.retry.run('reading the spool', () => this.reader.next());
        if (entries.length === 0) {
          await this.idle();
          continue;
        }
        for (const entry of entries) {
          if (entry.chunk) {
            this.backlog++;
            for (const c of this.sequencer.push({ id: entry.id, ...entry.chunk })) await this.feed(c);
            await this.skipStalledGap();
          } else {
            for (const c of this.sequencer.flush()) await this.feed(c);
            await this.finish();
            return true;
          }
          if (this.abort.signal.aborted) return false;
        }
      }
      return false;
    } catch (error) {
      if (this.abort.signal.aborted) return false;
      // A file's job owns its retries (with backoff, from the checkpoint): no sweep restarts it meanwhile.
      if (this.file) await this.spool.markFailed(this.sessionId, (error as Error).message).catch(() => undefined);
      throw error;
    } finally {
      this.asr?.close();
    }
  }

  /** A gap many chunks wait behind: given up only if no chunk of it was stored (acked) meanwhile. */
  private async skipStalledGap(): Promise<void> {
    const gap = this.sequencer.stalled();
    if (!gap || !(await this.retry.run('skipping a gap', () => this.spool.skipGap(this.sessionId, gap.from, gap.to)))) return;
    this.logger.warn(`session ${this.sessionId}: chunks ${gap.from}–${gap.to - 1} never arrived; going on without them`);
    for (const c of this.sequencer.skipTo(gap.to)) await this.feed(c);
  }

  private async init(): Promise<boolean> {
    const session = await this.deps.db(() => this.deps.repo.findSessionById(this.sessionId));
    if (!session) {
      await this.spool.forgetActive(this.sessionId);
      return false;
    }
    this.language = session.language ?? undefined;
    this.speakerNames = session.speakerNames ?? {};
    this.ck = (await this.deps.db(() => this.deps.repo.checkpoint(this.sessionId))) ?? {
      endSample: 0,
      nextSeq: 0,
      lastText: '',
      lastForceCut: false,
    };
    const replay = await this.spool.loadCheckpoint<ReplayCheckpoint>(this.sessionId);
    this.file = (await this.spool.meta(this.sessionId)).fileMs !== undefined;
    this.base = replay?.startSample ?? 0;
    this.position = this.rateStartSample = this.base;
    this.sequencer = new ChunkSequencer<SpooledChunk>(replay?.seq);
    this.windower = new AudioWindower(this.deps.options.windower);
    this.asr = new WindowAsr(this.sessionId, this.deps, this.abort.signal, this.language);
    if (this.deps.asr.diarizes) this.speakers = await SpeakerMemory.load(this.deps.redis, this.spool.keys(this.sessionId).speakers);
    if (await this.keepsAudio(session)) this.parts = new AudioParts(this.sessionId, this.base, this.deps.archive.archive!, this.abort.signal, this.logger);
    if (replay) this.logger.log(`session ${this.sessionId}: resuming at chunk ${replay.seq}, transcript at ${this.ck.endSample / SAMPLES_PER_MS} ms`);
    return true;
  }

  /**
   * Live audio only (kept or uploaded audio is in the store already), decided by the session's
   * first owner and followed by every later one, so a settings change mid-session cannot leave a
   * recording with a hole at its start.
   */
  private async keepsAudio(session: { source: string; status: string; workspace: { id: string } }): Promise<boolean> {
    const archive = this.deps.archive.archive;
    if (!archive || session.source !== 'live' || session.status === 'transcribing') return false;
    const wanted = await this.deps.db(() => archive.keeps({ id: this.sessionId, workspaceId: session.workspace.id }));
    return this.retry.run('deciding whether audio is kept', () => this.spool.decideKeepAudio(this.sessionId, wanted));
  }

  private async idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.deps.options.pollMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
    this.woken = false;
  }

  private async feed(chunk: SpooledChunk): Promise<void> {
    if (!this.resampler || this.resampler.inputRate !== chunk.sampleRate) {
      // A rate change restarts the resampler at the current 16 kHz position.
      if (this.resampler) await this.push(this.resampler.flush());
      this.resampler = new StreamingResampler(chunk.sampleRate);
      this.rateStartSample = this.position;
      this.rateInput = 0;
    }
    // Decoded into a reused buffer: the resampler and the windower copy what they keep.
    if (this.scratch.length < chunk.data.length / 2) this.scratch = new Float32Array(chunk.data.length / 2);
    const samples = decodePcm16(chunk.data, this.scratch);
    this.marks.push({
      id: chunk.id,
      seq: chunk.seq,
      startSample: this.rateStartSample + Math.round((this.rateInput * 16_000) / chunk.sampleRate),
    });
    this.rateInput += samples.length;
    this.lastArrival = arrivalMs(chunk.id);
    await this.push(this.resampler.push(samples));
  }

  private async push(samples: Float32Array): Promise<void> {
    if (samples.length === 0) return;
    this.position += samples.length;
    await this.parts?.add(samples);
    for (const event of this.windower.push(samples)) await this.handle(event);
  }

  private async finish(): Promise<void> {
    if (this.resampler) await this.push(this.resampler.flush());
    for (const event of this.windower.flush()) await this.handle(event);
    await this.finals.drain();
    // markDone drops the spool's audio: everything must be archived first.
    if (this.parts && !(await this.parts.close())) throw new Error('stopped before the audio was archived');
    await this.spool.markDone(this.sessionId);
    this.backlog = 0;
  }

  private async handle(event: WindowerEvent): Promise<void> {
    switch (event.kind) {
      case 'interim':
        this.interim(event);
        return;
      case 'discarded':
        if (this.interimShown.delete(event.index)) this.emitRetraction(event.index, event.startMs, event.endMs);
        return;
      case 'final':
        this.lastFinalIndex = event.index;
        if (this.shown?.index === event.index) this.shown = undefined;
        await this.final(event);
        return;
    }
  }

  private windowId(index: number): string {
    return `${this.base}:${index}`;
  }

  private abs(sample: number): number {
    return this.base + sample;
  }

  /**
   * Interims are best effort: one in flight per session, shed when the process's ASR load is high,
   * never while the ASR is failing, never for replayed audio. Each sends only the audio since the
   * previous interim of the window (plus a short overlap, reconciled like a force cut), so an open
   * window costs its length once, not once per second; the texts are joined for display.
   */
  private interim(w: InterimWindow): void {
    if (this.abs(w.endSample) <= this.ck.endSample) return;
    // Nobody watches a file being read faster than it plays: its finals come soon enough.
    if (this.file && !this.asr.realtime?.active) return;
    // Realtime: the window's audio goes out now; its interims are the deltas after the commit.
    if (this.asr.realtime?.active) return this.asr.realtime.grow(w, (from, to) => this.windower.copy(from, to));
    if (!this.deps.options.interims || this.interimBusy) return;
    if (this.deps.breakers.isOpen(this.deps.options.asr.breaker)) return;
    const shown = this.shown?.index === w.index ? this.shown : { index: w.index, coveredTo: w.startSample, text: '' };
    const from = Math.max(w.startSample, shown.coveredTo - this.deps.options.interimOverlapMs * SAMPLES_PER_MS);
    const release = this.deps.asrLoad.tryInterim();
    if (!release) return;
    const samples = this.windower.copy(from, w.endSample);
    if (!samples) return release();
    this.interimBusy = true;
    const previous = shown.text || this.ck.lastText;
    const overlapMs = (shown.text ? shown.coveredTo - from : Math.max(0, this.ck.endSample - this.abs(from))) / SAMPLES_PER_MS;
    const span = { startMs: from / SAMPLES_PER_MS, endMs: w.endMs, stats: INTERIM_STATS };
    void this.asr
      .request({ samples, kind: 'interim', prompt: tail(`${this.ck.lastText} ${shown.text}`.trim()) }, 0)
      .then((result) => {
        if (w.index <= this.lastFinalIndex || this.abort.signal.aborted) return;
        const piece = windowText(span, result, previous, overlapMs);
        if (piece.dropped) return;
        const text = `${shown.text} ${piece.text}`.trim();
        this.shown = { index: w.index, coveredTo: w.endSample, text };
        if (text) this.emitInterim(w, text, result);
      })
      .catch(() => undefined)
      .finally(() => {
        this.interimBusy = false;
        release();
      });
  }

  private emitInterim(w: AudioSpan, text: string, result: Pick<AsrResult, 'confidence' | 'language'>): void {
    this.interimShown.add(w.index);
    this.emit({
      id: `interim:${this.windowId(w.index)}`,
      kind: 'interim',
      text,
      startMs: Math.max(this.abs(w.startSample), this.ck.endSample) / SAMPLES_PER_MS,
      endMs: this.abs(w.endSample) / SAMPLES_PER_MS,
      speakerLabel: null,
      confidence: result.confidence ?? null,
      language: result.language ?? this.language ?? null,
      seq: null,
      windowId: this.windowId(w.index),
    });
  }

  /**
   * Live: one window at a time. A file: the realtime connection is one ordered stream, windowed
   * requests are not. Diarized: one at a time too, since a window learns the speakers heard so far
   * only from the reference clips of the windows committed before it was sent; sent together, the
   * opening windows each invent labels (a 4-person meeting came out as S1–S6, one label on two people).
   */
  private get concurrency(): number {
    return this.file && !this.asr.realtime?.active && !this.speakers ? this.deps.options.fileAsrConcurrency : 1;
  }

  /** Sends the window to the ASR, then commits the oldest windows while too many are in flight. */
  private async final(w: AudioWindow): Promise<void> {
    // Already transcribed and persisted by this or an earlier owner (replay after a takeover).
    if (this.abs(w.endSample) <= this.ck.endSample + SAMPLES_PER_MS) return;
    const overlapMs = Math.max(0, this.ck.endSample - this.abs(w.startSample)) / SAMPLES_PER_MS;
    const previous = this.ck.lastText;
    const attempts = this.file ? this.deps.options.fileAsrAttempts : Infinity;
    const result = this.asr.final(
      w,
      { prompt: previous || undefined, speakers: this.speakers?.references() },
      (sofar) => {
        // Realtime deltas: the window's interim, reconciled with the previous window like its final.
        if (!this.deps.options.interims || this.file) return;
        const piece = windowText(w, { text: sofar }, previous, overlapMs);
        if (piece.text) this.emitInterim(w, piece.text, {});
      },
      attempts,
    );
    await this.finals.add(w, result, this.concurrency);
  }

  /** Reconciles the window with the transcript before it, persists it with the checkpoint, emits it. */
  private async commit(w: AudioWindow, result: AsrResult | undefined): Promise<void> {
    const absStart = this.abs(w.startSample);
    const absEnd = this.abs(w.endSample);
    if (absEnd <= this.ck.endSample + SAMPLES_PER_MS) return;
    const overlapMs = Math.max(0, this.ck.endSample - absStart) / SAMPLES_PER_MS;
    const text = result ? windowText(w, result, this.ck.lastText, overlapMs) : { spans: [], text: '', dropped: 'refused' };
    if (text.dropped) this.deps.metrics.dropped.inc({ reason: text.dropped });
    const labels = this.speakers && text.spans.length ? await this.speakers.resolve(text.spans, w.samples) : undefined;
    const windowStartMs = absStart / SAMPLES_PER_MS;
    const contentStartMs = Math.max(absStart, this.ck.endSample) / SAMPLES_PER_MS;
    let nextSeq = this.ck.nextSeq;
    const segments: NewSegment[] = text.spans.map((span, k) => ({
      seq: nextSeq++,
      text: span.text.trim(),
      speaker: span.speaker ? (labels?.get(span.speaker) ?? span.speaker) : null,
      startMs: k === 0 ? Math.max(contentStartMs, windowStartMs + span.startMs) : windowStartMs + span.startMs,
      endMs: text.spans.length === 1 ? absEnd / SAMPLES_PER_MS : Math.min(absEnd / SAMPLES_PER_MS, windowStartMs + span.endMs),
      confidence: result?.confidence ?? null,
      language: result?.language ?? this.language ?? null,
    }));
    const checkpoint: TranscriptCheckpoint = {
      endSample: absEnd,
      nextSeq,
      lastText: text.text ? tail(`${this.ck.lastText} ${text.text}`.trim()) : this.ck.lastText,
      lastForceCut: w.forceCut,
    };
    if (!(await this.lease.holds())) {
      this.stop('lease lost');
      return;
    }
    const { inserted, speakerNames } = await this.deps.db(() =>
      this.deps.repo.persistWindow(this.sessionId, segments, checkpoint, {
        segments: nextSeq,
        audioMs: Math.round(absEnd / SAMPLES_PER_MS),
        ...this.asr.stats(),
      }),
    );
    this.ck = checkpoint;
    this.speakerNames = speakerNames;
    const addedMs = Date.now() - this.lastArrival - (this.asr.lastFinalMs ?? 0);
    this.interimShown.delete(w.index);
    for (const s of inserted) {
      this.emit({
        id: s.id,
        kind: 'final',
        text: s.text,
        startMs: Math.round(s.startMs),
        endMs: Math.round(s.endMs),
        speakerLabel: s.speaker,
        confidence: s.confidence,
        language: s.language,
        seq: s.seq,
        windowId: this.windowId(w.index),
      });
    }
    if (inserted.length === 0 && this.interimShown.size === 0) this.emitRetraction(w.index, windowStartMs, absEnd / SAMPLES_PER_MS);
    if (inserted.length > 0) this.deps.metrics.addedLatency.observe(Math.max(0, addedMs) / 1000);
    // Followers of a live meeting (the copilot); a stored recording's finals go to the pipeline soon enough.
    if (inserted.length > 0 && !this.file) this.deps.finalsCommitted(this.sessionId);
    // Only where a takeover would replay from, and how much the spool keeps: the next window retries.
    await this.advanceReplayPoint(absEnd).catch((e: Error) => this.retry.warn('saving the replay point', e));
  }

  /**
   * Saves where a new owner would start replaying, and trims the spool before it: never past the
   * archived audio, so what a new owner does not replay is stored already.
   */
  private async advanceReplayPoint(endSample: number): Promise<void> {
    const target = Math.min(endSample - this.deps.options.replayWarmupMs * SAMPLES_PER_MS, this.parts?.archivedEnd ?? Infinity);
    let k = -1;
    for (let i = 0; i < this.marks.length && this.marks[i].startSample <= target; i++) k = i;
    if (k <= 0) return;
    const mark = this.marks[k];
    await this.spool.saveCheckpoint(this.sessionId, { seq: mark.seq, startSample: mark.startSample } satisfies ReplayCheckpoint);
    const waiting = this.sequencer.buffered.map((c) => c.id);
    const minId = [mark.id, ...waiting].sort(compareIds)[0];
    await this.spool.trim(this.sessionId, minId);
    this.backlog = Math.max(0, this.backlog - k);
    this.marks = this.marks.slice(k);
  }

  private emitRetraction(index: number, startMs: number, endMs: number): void {
    this.emit({
      id: `interim:${this.windowId(index)}`,
      kind: 'interim',
      text: '',
      startMs,
      endMs,
      speakerLabel: null,
      confidence: null,
      language: null,
      seq: null,
      windowId: this.windowId(index),
      retracted: true,
    });
  }

  private emit(e: Omit<SegmentEvent, 'sessionId' | 'speaker'>): void {
    const speaker = e.speakerLabel ? (this.speakerNames[e.speakerLabel] ?? e.speakerLabel) : null;
    this.deps.emitSegment({ sessionId: this.sessionId, speaker, ...e });
    this.deps.metrics.segments.inc({ kind: e.kind });
  }
}
