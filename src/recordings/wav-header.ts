import { ASR_SAMPLE_RATE } from '#src/transcription/audio/sample-rate.js';
import { encodeWav } from '#src/transcription/audio/wav.js';

/** Recordings are kept at the rate transcription runs at: nothing is lost that the ASR would hear. */
export const RECORDING_SAMPLE_RATE = ASR_SAMPLE_RATE;
export const WAV_HEADER_BYTES = 44;

/** The header of a mono PCM16 WAV holding `dataBytes` of samples (the sizes patched into an empty WAV's). */
export function wavHeader(dataBytes: number, sampleRate = RECORDING_SAMPLE_RATE): Buffer {
  const header = encodeWav(new Float32Array(0), sampleRate);
  header.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4);
  header.writeUInt32LE(dataBytes, 40);
  return header;
}
