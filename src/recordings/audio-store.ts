import type { Readable } from 'node:stream';
import type { StoredFormat } from './codec/audio-codec.js';
import type { BlobStat } from './storage/blob-store.js';

/** Waveform peaks are kept at this resolution: one byte (0–255, the loudest sample) per 50 ms. */
export const PEAK_WINDOW_MS = 50;

/** A session's audio as the recording store holds it. */
export interface StoredAudio {
  /** The store's key for it; what the `recording` row keeps. */
  path: string;
  format: StoredFormat;
  contentType: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  /** One byte per PEAK_WINDOW_MS of audio: the loudest sample in it, scaled to 0–255. */
  peaks: Buffer;
}

/**
 * Where recordings live: one file per session, whatever brought the audio in (the live socket,
 * an upload). It takes and gives back 16 kHz mono PCM16 (what transcription uses), keeps it in a
 * lossless format (FLAC when ffmpeg is there, WAV otherwise), on local disk or S3-compatible
 * storage, and serves the file's bytes for playback.
 */
export interface AudioStore {
  /** The format new recordings are written in. */
  readonly format: StoredFormat;
  /**
   * Writes a session's 16 kHz mono PCM16 audio as it streams in; atomic: afterwards the file is
   * there whole and durable, or not at all.
   */
  write(sessionId: string, pcm: AsyncIterable<Buffer>): Promise<StoredAudio>;
  /** The stored audio's PCM16 samples, in even pieces of at most `pieceBytes`. */
  readPcm(path: string, pieceBytes: number, format?: StoredFormat): AsyncIterable<Buffer>;
  exists(path: string): Promise<boolean>;
  stat(path: string): Promise<BlobStat | null>;
  /** The stored file's bytes (or the inclusive range of them), for playback. */
  readBytes(path: string, range?: { start: number; end: number }): Promise<Readable>;
  delete(path: string): Promise<void>;
}

export const AUDIO_STORE = Symbol('AUDIO_STORE');
