/*
 * WAV without ffmpeg: the one upload format Mina reads on its own, so a server without ffmpeg
 * still takes the commonest recorder output. RIFF chunks are walked as the bytes stream in (a
 * LIST chunk of any size is skipped, never buffered); samples are downmixed and resampled with the
 * live path's StreamingResampler to 16 kHz mono PCM16.
 */
import { createReadStream } from 'node:fs';
import { encodePcm16 } from '#src/transcription/audio/pcm.js';
import { MAX_INPUT_RATE, MIN_INPUT_RATE, StreamingResampler } from '#src/transcription/audio/resampler.js';
import { AudioDecodeError } from './audio-decode.error.js';
import { abortError } from './ffmpeg-process.js';

export interface WavDecodeOptions {
  maxDurationMs: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface WavFormat {
  /** 1 = integer PCM, 3 = IEEE float. */
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign: number;
}

const OUT_RATE = 16_000;
const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
/** Streamed writers leave the data size unknown as 0 or all ones: read to the end of the file then. */
const UNKNOWN_SIZE = 0xffffffff;
const MAX_FMT_BYTES = 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export const isWavHeader = (head: Buffer): boolean =>
  head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE';

export async function* decodeWavFile(file: string, opts: WavDecodeOptions): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  try {
    yield* decodeWavStream(stream, opts);
  } finally {
    stream.destroy();
  }
}

/** A WAV file's bytes → 16 kHz mono PCM16 in even pieces; the same limits and codes as the ffmpeg path. */
export async function* decodeWavStream(bytes: AsyncIterable<Buffer>, opts: WavDecodeOptions): AsyncGenerator<Buffer> {
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  const check = () => {
    if (opts.signal?.aborted) throw abortError(opts.signal);
    if (Date.now() > deadline) throw new AudioDecodeError('AUDIO_UNDECODABLE', `Decoding took longer than ${opts.timeoutMs} ms`, { timeoutMs: opts.timeoutMs });
  };
  check();
  const reader = new ChunkReader(bytes[Symbol.asyncIterator]());
  const { fmt, dataBytes } = await readHeader(reader);
  const maxSamples = Math.floor((opts.maxDurationMs / 1000) * OUT_RATE);
  const resampler = new StreamingResampler(fmt.sampleRate, OUT_RATE);
  const passThrough = fmt.format === FORMAT_PCM && fmt.bits === 16 && fmt.channels === 1 && fmt.sampleRate === OUT_RATE;
  let left = dataBytes;
  let carry: Buffer | undefined;
  let produced = 0;
  const emit = (pcm: Buffer): Buffer => {
    produced += pcm.length / 2;
    if (produced > maxSamples) {
      throw new AudioDecodeError('AUDIO_TOO_LONG', `The audio is longer than the ${Math.round(opts.maxDurationMs / 1000)} s allowed`, { maxDurationMs: opts.maxDurationMs });
    }
    return pcm;
  };
  for (let chunk = await reader.next(); chunk && left > 0; chunk = await reader.next()) {
    check();
    if (chunk.length > left) chunk = chunk.subarray(0, left);
    left -= chunk.length;
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const whole = buf.length - (buf.length % fmt.blockAlign);
    carry = whole < buf.length ? Buffer.from(buf.subarray(whole)) : undefined;
    if (whole === 0) continue;
    const frames = buf.subarray(0, whole);
    // 16 kHz mono PCM16 is already what Mina uses: the bytes go through untouched (bit-exact).
    const out = passThrough ? Buffer.from(frames) : encodePcm16(resampler.push(toMono(frames, fmt)));
    if (out.length > 0) yield emit(out);
  }
  if (!passThrough) {
    const tail = encodePcm16(resampler.flush());
    if (tail.length > 0) yield emit(tail);
  }
  if (produced === 0) throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The WAV file holds no audio samples');
}

async function readHeader(reader: ChunkReader): Promise<{ fmt: WavFormat; dataBytes: number }> {
  if (!(await reader.need(12)) || !isWavHeader(reader.peek(12))) {
    throw new AudioDecodeError('NOT_AUDIO', 'The file is not a WAV (RIFF/WAVE) file');
  }
  reader.take(12);
  let fmt: WavFormat | undefined;
  for (;;) {
    if (!(await reader.need(8))) throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The WAV file has no data chunk');
    const head = reader.take(8);
    const id = head.toString('latin1', 0, 4);
    const size = head.readUInt32LE(4);
    if (id === 'data') {
      if (!fmt) throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The WAV data chunk comes before its fmt chunk');
      return { fmt, dataBytes: size === 0 || size === UNKNOWN_SIZE ? Infinity : size };
    }
    if (id === 'fmt ') {
      if (size < 16 || size > MAX_FMT_BYTES || !(await reader.need(size))) {
        throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The WAV fmt chunk is malformed or truncated');
      }
      fmt = parseFmt(reader.take(size));
      if (size % 2 === 1) await reader.skip(1);
    } else if (!(await reader.skip(size + (size % 2)))) {
      throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The WAV file has no data chunk');
    }
  }
}

function parseFmt(body: Buffer): WavFormat {
  const tag = body.readUInt16LE(0);
  // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
  const format = tag === FORMAT_EXTENSIBLE && body.length >= 26 ? body.readUInt16LE(24) : tag;
  const fmt = { format, channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), bits: body.readUInt16LE(14), blockAlign: body.readUInt16LE(12) };
  const supported =
    (format === FORMAT_PCM && [8, 16, 24, 32].includes(fmt.bits)) || (format === FORMAT_FLOAT && [32, 64].includes(fmt.bits));
  if (!supported || fmt.sampleRate < MIN_INPUT_RATE || fmt.sampleRate > MAX_INPUT_RATE) {
    // A real WAV, just not one the built-in decoder reads (ADPCM, µ-law, 96 kHz…): ffmpeg would.
    throw new AudioDecodeError(
      'FFMPEG_MISSING',
      `This WAV (format ${tag}, ${fmt.bits}-bit, ${fmt.sampleRate} Hz) needs ffmpeg; without it Mina reads PCM or float WAV at ${MIN_INPUT_RATE}–${MAX_INPUT_RATE} Hz`,
      fmt,
    );
  }
  if (fmt.channels < 1 || fmt.blockAlign !== fmt.channels * (fmt.bits / 8)) {
    throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The WAV fmt chunk is inconsistent (channels, bits and block size disagree)', fmt);
  }
  return fmt;
}

/** Whole frames → mono samples in [-1, 1): the channels averaged. */
function toMono(frames: Buffer, fmt: WavFormat): Float32Array {
  const bytes = fmt.bits / 8;
  const n = frames.length / fmt.blockAlign;
  const out = new Float32Array(n);
  if (fmt.format === FORMAT_PCM && fmt.bits === 16 && LITTLE_ENDIAN) {
    // The common case (PCM16, any rate, mono or stereo): typed-array reads, several times faster.
    const aligned = frames.byteOffset % 2 === 0 ? frames : Buffer.from(frames);
    const pcm = new Int16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2);
    const scale = 1 / (32768 * fmt.channels);
    for (let i = 0, at = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < fmt.channels; c++) sum += pcm[at++];
      out[i] = sum * scale;
    }
    return out;
  }
  const read = sampleReader(fmt);
  for (let i = 0, at = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < fmt.channels; c++, at += bytes) sum += read(frames, at);
    out[i] = sum / fmt.channels;
  }
  return out;
}

function sampleReader(fmt: WavFormat): (b: Buffer, at: number) => number {
  if (fmt.format === FORMAT_FLOAT) return fmt.bits === 32 ? (b, at) => b.readFloatLE(at) : (b, at) => b.readDoubleLE(at);
  switch (fmt.bits) {
    case 8:
      return (b, at) => (b[at] - 128) / 128; // 8-bit WAV is unsigned
    case 16:
      return (b, at) => b.readInt16LE(at) / 32768;
    case 24:
      return (b, at) => b.readIntLE(at, 3) / 8388608;
    default:
      return (b, at) => b.readInt32LE(at) / 2147483648;
  }
}

/** Pulls exactly-sized pieces from a byte stream without holding more than one read's worth. */
class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  /** Buffers until `n` bytes are there; false at the end of the stream. */
  async need(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
    }
    return this.buf.length >= n;
  }

  peek(n: number): Buffer {
    return this.buf.subarray(0, n);
  }

  take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Drops `n` bytes as they stream past; false if the stream ended first. */
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      if (this.buf.length === 0 && !(await this.need(1))) return false;
      const k = Math.min(n, this.buf.length);
      this.buf = this.buf.subarray(k);
      n -= k;
    }
    return true;
  }

  /** What is buffered, else the stream's next chunk; null at the end. */
  async next(): Promise<Buffer | null> {
    if (this.buf.length > 0) return this.take(this.buf.length);
    if (this.done || !(await this.need(1))) return null;
    return this.take(this.buf.length);
  }
}
