import { MinaException } from '#src/common/mina.exception.js';

export type AudioDecodeCode = 'AUDIO_UNDECODABLE' | 'NOT_AUDIO' | 'AUDIO_TOO_LONG' | 'FFMPEG_MISSING';

/**
 * A file the decoder refused: corrupt (AUDIO_UNDECODABLE 422), not audio at all (NOT_AUDIO 422),
 * longer than allowed (AUDIO_TOO_LONG 413), or a format only ffmpeg reads while ffmpeg is missing
 * (FFMPEG_MISSING 415). A MinaException, so it reaches HTTP, sockets and job errors with its code.
 */
export class AudioDecodeError extends MinaException {
  declare readonly code: AudioDecodeCode;

  constructor(code: AudioDecodeCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'AudioDecodeError';
  }
}
