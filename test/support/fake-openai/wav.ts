import { readFile } from 'node:fs/promises';

/** Mono PCM16 audio. Multi-channel input keeps its first channel. */
export interface PcmAudio {
  sampleRate: number;
  samples: Int16Array;
}

export function durationMs(audio: PcmAudio): number {
  return (audio.samples.length * 1000) / audio.sampleRate;
}

/** Parses a RIFF/WAVE PCM16 file; returns undefined for anything else. */
export function parseWav(buf: Buffer): PcmAudio | undefined {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    return undefined;
  }
  let format: { tag: number; channels: number; sampleRate: number; bits: number } | undefined;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const declared = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ' && body + 16 <= buf.length) {
      format = {
        tag: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      // Streaming writers leave the size at 0 or 0xFFFFFFFF: take what is there.
      const end = declared === 0 || body + declared > buf.length ? buf.length : body + declared;
      if (!format || (format.tag !== 1 && format.tag !== 0xfffe) || format.bits !== 16 || !format.channels) {
        return undefined;
      }
      const frameBytes = 2 * format.channels;
      const samples = new Int16Array(Math.floor((end - body) / frameBytes));
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + i * frameBytes);
      return { sampleRate: format.sampleRate, samples };
    }
    pos = body + declared + (declared % 2);
  }
  return undefined;
}

export function encodeWav(audio: PcmAudio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(audio.sampleRate, 24);
  buf.writeUInt32LE(audio.sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < audio.samples.length; i++) buf.writeInt16LE(audio.samples[i], 44 + i * 2);
  return buf;
}

export async function readWav(path: string): Promise<PcmAudio> {
  const audio = parseWav(await readFile(path));
  if (!audio) throw new Error(`${path} is not a PCM16 WAV file`);
  return audio;
}

/** The samples between two times, optionally wrapped in digital silence. */
export function sliceAudio(
  audio: PcmAudio,
  fromMs: number,
  toMs: number,
  pad: { beforeMs?: number; afterMs?: number } = {},
): PcmAudio {
  const at = (ms: number) => Math.round((ms * audio.sampleRate) / 1000);
  const body = audio.samples.subarray(at(fromMs), at(toMs));
  const samples = new Int16Array(at(pad.beforeMs ?? 0) + body.length + at(pad.afterMs ?? 0));
  samples.set(body, at(pad.beforeMs ?? 0));
  return { sampleRate: audio.sampleRate, samples };
}

/** Linear-interpolation resampler, the kind a client uses to feed 24 kHz realtime input. */
export function resampleLinear(audio: PcmAudio, sampleRate: number): PcmAudio {
  const ratio = audio.sampleRate / sampleRate;
  const out = new Int16Array(Math.floor(audio.samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const i0 = Math.floor(x);
    const a = audio.samples[i0] ?? 0;
    const b = audio.samples[i0 + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (x - i0));
  }
  return { sampleRate, samples: out };
}

export function pcmToBuffer(samples: Int16Array): Buffer {
  const buf = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i], i * 2);
  return buf;
}

export function bufferToPcm(buf: Buffer): Int16Array {
  const samples = new Int16Array(Math.floor(buf.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(i * 2);
  return samples;
}
