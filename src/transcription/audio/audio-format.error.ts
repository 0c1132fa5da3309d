export type AudioFormatErrorCode =
  'ODD_BYTE_LENGTH' | 'INVALID_WAV' | 'UNSUPPORTED_WAV' | 'UNSUPPORTED_SAMPLE_RATE';

/** Bad client audio. Plain TS (no Nest) so the gateway can map `code` to its own socket error. */
export class AudioFormatError extends Error {
  constructor(
    readonly code: AudioFormatErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AudioFormatError';
  }
}
