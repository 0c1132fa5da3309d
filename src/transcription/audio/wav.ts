import { AudioFormatError } from './audio-format.error.js';
import { decodePcm16, encodePcm16Into } from './pcm.js';
import { ASR_SAMPLE_RATE } from './sample-rate.js';

export interface WavAudio {
  sampleRate: number;
  /** Channels in the file; `samples` is always mono (channels averaged). */
  channels: number;
  samples: Float32Array;
}

const HEADER_BYTES = 44;
const FORMAT_PCM = 1;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Mono PCM16 WAV, the smallest upload every OpenAI-compatible transcription server accepts. */
export function encodeWav(samples: Float32Array, sampleRate = ASR_SAMPLE_RATE): Buffer {
  const dataBytes = samples.length * 2;
  const wav = Buffer.allocUnsafe(HEADER_BYTES + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(FORMAT_PCM, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  encodePcm16Into(samples, wav, HEADER_BYTES);
  return wav;
}

/** Reads 16-bit PCM WAV (plain or extensible), walking chunks so LIST/fact chunks before `data` are skipped. */
export function parseWav(file: Uint8Array): WavAudio {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new AudioFormatError('INVALID_WAV', 'Not a RIFF/WAVE file');
  }
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length)
        throw new AudioFormatError('INVALID_WAV', 'Truncated fmt chunk');
      const tag = buf.readUInt16LE(body);
      fmt = {
        // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
        format:
          tag === FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= buf.length
            ? buf.readUInt16LE(body + 24)
            : tag,
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new AudioFormatError('INVALID_WAV', 'data chunk before fmt chunk');
      // Streamed writers leave the size at 0 or 0xFFFFFFFF; read what is there.
      const end = size === 0 || body + size > buf.length ? buf.length : body + size;
      return decodeData(buf.subarray(body, end), fmt);
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new AudioFormatError('INVALID_WAV', 'No data chunk');
}

function decodeData(
  data: Buffer,
  fmt: { format: number; channels: number; sampleRate: number; bits: number },
): WavAudio {
  if (fmt.format !== FORMAT_PCM || fmt.bits !== 16 || fmt.channels < 1) {
    throw new AudioFormatError(
      'UNSUPPORTED_WAV',
      `Only 16-bit PCM WAV is supported (format ${fmt.format}, ${fmt.bits} bits, ${fmt.channels} channels)`,
    );
  }
  const frameBytes = fmt.channels * 2;
  const interleaved = decodePcm16(data.subarray(0, data.length - (data.length % frameBytes)));
  if (fmt.channels === 1) return { sampleRate: fmt.sampleRate, channels: 1, samples: interleaved };
  const mono = new Float32Array(interleaved.length / fmt.channels);
  for (let i = 0; i < mono.length; i++) {
    let sum = 0;
    for (let c = 0; c < fmt.channels; c++) sum += interleaved[i * fmt.channels + c];
    mono[i] = sum / fmt.channels;
  }
  return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples: mono };
}
