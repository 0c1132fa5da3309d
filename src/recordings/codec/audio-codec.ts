/** How a recording is kept: lossless either way, so transcribing it again hears exactly what was kept. */
export const STORED_FORMATS = ['wav', 'flac'] as const;
export type StoredFormat = (typeof STORED_FORMATS)[number];

export const CONTENT_TYPES: Record<StoredFormat, string> = { wav: 'audio/wav', flac: 'audio/flac' };
export const EXTENSIONS: Record<StoredFormat, string> = { wav: 'wav', flac: 'flac' };

/**
 * Turns the 16 kHz mono PCM16 that transcription uses into a stored file and back. The WAV codec
 * needs nothing; FLAC (about half the size) needs ffmpeg.
 */
export interface AudioCodec {
  /** What this codec can write and read. */
  readonly formats: readonly StoredFormat[];
  /** Writes `pcm` (16 kHz mono PCM16, even-length pieces) to `file` in `format`; throws (file state undefined) on failure. */
  encodeToFile(pcm: AsyncIterable<Buffer>, format: StoredFormat, file: string): Promise<void>;
  /** A stored file's bytes back to 16 kHz mono PCM16. */
  decode(bytes: AsyncIterable<Buffer>, format: StoredFormat): AsyncIterable<Buffer>;
}
