import { Injectable } from '@nestjs/common';

/**
 * Where a processor archives the 16 kHz audio it transcribes, so that a live session's audio is
 * kept once transcribed (the recordings module implements it; transcription owns the port, so
 * neither module imports the other's internals).
 */
export interface LiveAudioArchive {
  /** Samples per part (MINA_LIVE_AUDIO_PART_SECONDS). */
  readonly partSamples: number;
  /** Whether this session's audio is to be kept (its workspace keeps audio, nothing kept it yet). */
  keeps(session: { id: string; workspaceId: string }): Promise<boolean>;
  /** Stores one part durably (its file, then its row); idempotent. Throws when it could not. */
  writePart(sessionId: string, startSample: number, pcm: Buffer): Promise<void>;
}

/** Filled by the recordings module at start; empty where nothing keeps audio (then nothing is archived). */
@Injectable()
export class LiveAudioArchivePort {
  archive: LiveAudioArchive | undefined;

  register(archive: LiveAudioArchive): void {
    this.archive = archive;
  }
}
