import { Injectable } from '@nestjs/common';
import type { RecordingSummary } from '@mina/contract/views';

/**
 * What draining a session's acked audio came to: all of it transcribed and stored, not all of it
 * yet (an ASR outage: the pipeline waits a while for the rest), or none, because no speech
 * recognizer is configured (the audio is then kept, see AudioKeeper).
 */
export type DrainOutcome = 'transcribed' | 'incomplete' | 'no_asr';

export type AudioDrain = (sessionId: string) => Promise<DrainOutcome>;

/**
 * Moves a session's untranscribed spooled audio into the recording store; resolves its length
 * in ms, or null when there was no audio to keep.
 */
export type AudioKeeper = (session: { id: string; workspaceId: string }) => Promise<number | null>;

/** Where a stored recording's transcription stands: while `transcribing`, while `queued`. */
export interface RecordingProgress {
  /** Fraction of the recording transcribed (0..1). */
  progress?: number;
  /** Place among the recordings waiting for a worker (1 = next). */
  queuePosition?: number;
}

/** Transcribes stored audio (kept live audio, uploads) through the live path, then finalizes the session. */
export interface KeptAudioTranscriber {
  /** False while no speech recognizer is configured in this process. */
  readonly asrConfigured: boolean;
  hasKept(sessionId: string): Promise<boolean>;
  /** Queues the work for a worker; the session is `transcribing` (or `queued`) until it is finalized. */
  start(session: { id: string; workspaceId: string }): Promise<void>;
  progress(session: { id: string; status: string; stats: Record<string, unknown> }): Promise<RecordingProgress>;
}

/**
 * Whether the session has a recording to play, or why not (the playback module's answer, so a
 * client need not ask for audio that is not there): the reason codes of its 404/409/410.
 */
export type { RecordingSummary };

export type RecordingDescriber = (session: { id: string; workspaceId: string }) => Promise<RecordingSummary>;

/**
 * Lets the transcription and recordings modules (which depend on sessions) take part in
 * finalization without a module cycle: before a live session is finalized, its spooled audio is
 * drained, and audio nothing could transcribe is kept.
 */
@Injectable()
export class FinalizeHooks {
  private readonly drains: AudioDrain[] = [];
  private keeper: AudioKeeper | undefined;
  transcriber: KeptAudioTranscriber | undefined;
  /** Set by the playback module (api processes). */
  recording: RecordingDescriber | undefined;

  onDrain(drain: AudioDrain): void {
    this.drains.push(drain);
  }

  onKeep(keeper: AudioKeeper, transcriber: KeptAudioTranscriber): void {
    this.keeper = keeper;
    this.transcriber = transcriber;
  }

  /** `transcribed` when there was nothing to drain or every drain completed. */
  async drain(sessionId: string): Promise<DrainOutcome> {
    let outcome: DrainOutcome = 'transcribed';
    for (const drain of this.drains) {
      const o = await drain(sessionId);
      if (o === 'no_asr' || (o === 'incomplete' && outcome === 'transcribed')) outcome = o;
    }
    return outcome;
  }

  /** Null when nothing keeps audio in this process (a `worker`), or there was none. */
  keep(session: { id: string; workspaceId: string }): Promise<number | null> {
    return this.keeper ? this.keeper(session) : Promise.resolve(null);
  }
}
