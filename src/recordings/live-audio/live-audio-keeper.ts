import { Inject, Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import { AUDIO_STORE, type AudioStore } from '../audio-store.js';
import { RecordingsRepository } from '../recordings.repository.js';
import { BLOB_STORE, type BlobStore } from '../storage/blob-store.js';
import { RECORDING_SAMPLE_RATE } from '../wav-header.js';
import { assembleParts, type AssemblyReport } from './assemble-parts.js';
import { keepsAudio } from './keep-setting.js';
import { RecordingPartsRepository } from './recording-parts.repository.js';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export interface KeepOutcome {
  parts: number;
  /** `kept`: assembled now; `already`: an earlier attempt had (only the parts were left); `discarded`: the workspace keeps no audio. */
  outcome: 'none' | 'kept' | 'already' | 'discarded';
  durationMs?: number;
  silenceMs?: number;
}

/**
 * `keep-live-audio` (queue `recordings`, after finalization): a transcribed live session's
 * archived parts become its one recording (through the AudioStore, so FLAC when ffmpeg is there),
 * then the parts are deleted. Waits while the session's spool is still being transcribed (a
 * finalize that stopped waiting, e.g. an ASR outage): parts are still being written then.
 * Idempotent: a recording that exists already means an earlier attempt assembled it.
 */
@Injectable()
export class LiveAudioKeeper {
  private readonly logger = new Logger(LiveAudioKeeper.name);

  constructor(
    private readonly parts: RecordingPartsRepository,
    private readonly recordings: RecordingsRepository,
    private readonly spool: AudioSpool,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @OnJob('keep-live-audio')
  async keep(job: Job<SessionJobData>, token?: string): Promise<KeepOutcome> {
    const { sessionId, workspaceId } = job.data;
    const parts = await this.parts.forSession(sessionId);
    if (parts.length === 0) return { parts: 0, outcome: 'none' };
    const meta = await this.spool.meta(sessionId);
    if (meta.started && !meta.done && token) {
      const waited = Date.now() - job.timestamp;
      await job.moveToDelayed(Date.now() + Math.min(MAX_DELAY_MS, Math.max(FIRST_DELAY_MS, waited / 4)), token);
      throw new DelayedError();
    }
    let result: KeepOutcome = { parts: parts.length, outcome: 'already' };
    if (!(await this.parts.hasRecording(sessionId))) {
      if (keepsAudio(await this.parts.workspaceSettings(workspaceId))) {
        const report: AssemblyReport = { samples: 0, silence: 0 };
        const stored = await this.store.write(sessionId, assembleParts(parts, (key) => this.blobs.get(key), report));
        await this.recordings.save({ id: sessionId, workspaceId }, stored);
        const silenceMs = Math.round(report.silence / (RECORDING_SAMPLE_RATE / 1000));
        if (silenceMs > 0) this.logger.warn(`Session ${sessionId}: ${silenceMs} ms of its audio were never archived; kept as silence so playback matches the transcript`);
        result = { parts: parts.length, outcome: 'kept', durationMs: stored.durationMs, silenceMs };
      } else {
        result = { parts: parts.length, outcome: 'discarded' };
      }
    }
    // Files first: a retry after a crash here still finds the rows, and deleting a missing file is no error.
    for (const part of parts) await this.blobs.delete(part.key);
    await this.parts.remove(parts.map((p) => p.key));
    return result;
  }
}
