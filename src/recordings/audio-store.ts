/** A session's audio as the recording store holds it. */
export interface StoredAudio {
  /** Relative to the store's root; what the `recording` row keeps. */
  path: string;
  format: 'wav';
  sampleRate: number;
  channels: number;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where recordings live: one file per session, whatever brought the audio in (the live socket
 * today, uploads next). The local disk is the first implementation; an S3-compatible one is meant
 * to slot in behind the same interface.
 */
export interface AudioStore {
  /**
   * Writes a session's 16 kHz mono PCM16 audio as it streams in; atomic: afterwards the file is
   * there whole and durable, or not at all.
   */
  write(sessionId: string, pcm: AsyncIterable<Buffer>): Promise<StoredAudio>;
  /** The stored audio's PCM16 samples, in pieces of at most `pieceBytes` (even). */
  readPcm(path: string, pieceBytes: number): AsyncIterable<Buffer>;
  exists(path: string): Promise<boolean>;
}

export const AUDIO_STORE = Symbol('AUDIO_STORE');
