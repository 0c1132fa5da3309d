import { AudioFormatError } from './audio-format.error.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * PCM16LE bytes → samples in [-1, 1). Odd byteOffsets and big-endian hosts are fine. With `scratch`
 * (large enough) the samples are written into it and a view of it is returned: no allocation.
 */
export function decodePcm16(bytes: Uint8Array, scratch?: Float32Array): Float32Array {
  if (bytes.byteLength % 2 !== 0) {
    throw new AudioFormatError(
      'ODD_BYTE_LENGTH',
      `PCM16 data must have an even byte length, got ${bytes.byteLength}`,
    );
  }
  const n = bytes.byteLength / 2;
  const out = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float32Array(n);
  if (LITTLE_ENDIAN) {
    // Hot path (every chunk): typed-array reads; an odd byteOffset is copied to an aligned buffer first.
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : Uint8Array.prototype.slice.call(bytes);
    const pcm = new Int16Array(aligned.buffer, aligned.byteOffset, out.length);
    for (let i = 0; i < out.length; i++) out[i] = pcm[i] / 32768;
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/** Samples → PCM16LE. Scaling by 32768 (not 32767) makes decode → encode bit-exact; out-of-range input clips. */
export function encodePcm16(samples: Float32Array): Buffer {
  const out = Buffer.allocUnsafe(samples.length * 2);
  encodePcm16Into(samples, out, 0);
  return out;
}

/** Writes `samples` as PCM16LE into `out` at byte `offset` (hot path: every ASR upload). */
export function encodePcm16Into(samples: Float32Array, out: Uint8Array, offset: number): void {
  const at = out.byteOffset + offset;
  if (LITTLE_ENDIAN && at % 2 === 0) {
    const view = new Int16Array(out.buffer, at, samples.length);
    for (let i = 0; i < samples.length; i++) view[i] = clip16(Math.round(samples[i] * 32768));
    return;
  }
  const view = new DataView(out.buffer, at, samples.length * 2);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, clip16(Math.round(samples[i] * 32768)), true);
}

const clip16 = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
