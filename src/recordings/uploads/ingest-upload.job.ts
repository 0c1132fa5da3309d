import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import { PipelineEvents } from '#src/pipeline/pipeline-events.js';
import type { UploadJobData } from '#src/jobs/jobs.js';
import { ASR_PROVIDER, type AsrProvider } from '#src/transcription/asr/asr-provider.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { AUDIO_STORE, type AudioStore } from '../audio-store.js';
import { AudioDecodeError, decodeUpload, FFMPEG_INFO, type FfmpegInfo } from '../codec/ffmpeg.js';
import { RecordingsRepository } from '../recordings.repository.js';
import { RecordingsService } from '../recordings.service.js';
import { UploadFiles } from './upload-files.js';
import { UploadsRepository, type UploadRow } from './uploads.repository.js';

export type IngestOutcome = 'transcribing' | 'not_transcribed' | 'failed' | 'skipped';

/** Beyond this a decode is stuck, not slow: ffmpeg decodes an hour of audio in seconds. */
const DECODE_TIMEOUT_MS = 30 * 60_000;

/**
 * `ingest-upload`: decodes a received upload (streamed, through ffmpeg or the WAV decoder) into
 * the session's recording, removes the upload file, and hands the session to transcription, or,
 * with no speech recognizer, finalizes it as kept but not transcribed. A file that cannot be
 * decoded puts the session in `error` with the reason (stats.error) and is not retried: the same
 * bytes fail the same way. Safe to run again (a stalled job): a stored recording is not decoded twice.
 */
@Injectable()
export class IngestUploadJob {
  private readonly logger = new Logger(IngestUploadJob.name);
  constructor(
    private readonly uploads: UploadsRepository,
    private readonly files: UploadFiles,
    private readonly recordingRows: RecordingsRepository,
    private readonly recordings: RecordingsService,
    @Inject(ASR_PROVIDER) private readonly asr: AsrProvider,
    private readonly sessions: SessionsService,
    private readonly sessionRows: SessionsRepository,
    private readonly events: PipelineEvents,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    /** Looked up once at boot: whether ffmpeg is there does not change while the process runs. */
    @Inject(FFMPEG_INFO) private readonly ffmpeg: FfmpegInfo,
  ) {}

  @OnJob('ingest-upload')
  async ingest(job: Job<UploadJobData>): Promise<{ outcome: IngestOutcome; code?: string }> {
    const { uploadId, sessionId, workspaceId } = job.data;
    const upload = await this.uploads.findById(uploadId);
    // Deleted with its session, resolved to another session, or already refused.
    if (!upload || upload.sessionId !== sessionId || upload.state === 'failed' || upload.state === 'duplicate') return { outcome: 'skipped' };
    let durationMs = (await this.recordingRows.forSession(sessionId))?.durationMs;
    if (durationMs === undefined) {
      await this.uploads.moveUpload(uploadId, ['received'], 'ingesting');
      try {
        const pcm = decodeUpload(this.files.path(uploadId), { maxDurationMs: this.config.uploadMaxDurationMs, timeoutMs: DECODE_TIMEOUT_MS }, this.ffmpeg);
        const stored = await this.store.write(sessionId, pcm);
        await this.recordingRows.save({ id: sessionId, workspaceId }, stored);
        durationMs = stored.durationMs;
      } catch (error) {
        if (!(error instanceof AudioDecodeError)) throw error;
        await this.refuse(upload, error);
        return { outcome: 'failed', code: error.code };
      }
    }
    await this.files.remove(uploadId);
    await this.uploads.moveUpload(uploadId, ['received', 'ingesting'], 'stored');
    return { outcome: await this.handOver(upload, durationMs) };
  }

  /**
   * With a speech recognizer: the session stays `queued` for the `transcribe-recording` job
   * (RecordingsService.start: the stored PCM fed through the live path, then the one finalize),
   * which reports its queue position. Without: finalized with the audio kept and
   * `transcription: not_transcribed (NO_ASR)`, so nobody mistakes it for a silent meeting.
   */
  private async handOver(upload: UploadRow, durationMs: number): Promise<IngestOutcome> {
    const ref = { id: upload.sessionId, workspaceId: upload.workspaceId };
    if (this.asr.info.configured) {
      await this.uploads.mergeSessionStats(upload.sessionId, { audioMs: durationMs });
      await this.recordings.start(ref);
      return 'transcribing';
    }
    const session = await this.sessionRows.findOne(upload.workspaceId, upload.sessionId);
    if (!session || session.status !== 'queued') return 'skipped';
    await this.uploads.mergeSessionStats(upload.sessionId, { audioMs: durationMs });
    const result = await this.sessions.finalizeLoaded(session, 'upload', { keptAudioMs: durationMs });
    if (result.finalizedNow) this.events.status(upload.sessionId, 'processing');
    this.logger.log(`Upload ${upload.id}: ${Math.round(durationMs / 1000)} s stored for session ${upload.sessionId}; not transcribed (no speech recognizer)`);
    return 'not_transcribed';
  }

  private async refuse(upload: UploadRow, error: AudioDecodeError): Promise<void> {
    this.logger.warn(`Upload ${upload.id} refused at decode: ${error.code} ${error.message}`);
    const reason = { code: error.code, message: error.message };
    await this.uploads.moveUpload(upload.id, ['received', 'ingesting'], 'failed', { errorCode: error.code, errorMessage: error.message });
    if (await this.uploads.moveSession(upload.sessionId, ['queued'], 'error', { error: reason })) this.events.status(upload.sessionId, 'error', { error: reason });
    await this.files.remove(upload.id);
  }
}
