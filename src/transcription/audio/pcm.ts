import { AudioFormatError } from './audio-format.error.js';

/** PCM16LE bytes → samples in [-1, 1). Reads through a DataView, so odd byteOffsets and big-endian hosts are fine. */
export function decodePcm16(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 2 !== 0) {
    throw new AudioFormatError(
      'ODD_BYTE_LENGTH',
      `PCM16 data must have an even byte length, got ${bytes.byteLength}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/** Samples → PCM16LE. Scaling by 32768 (not 32767) makes decode → encode bit-exact; out-of-range input clips. */
export function encodePcm16(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(samples[i] * 32768);
    out.writeInt16LE(v > 32767 ? 32767 : v < -32768 ? -32768 : v, i * 2);
  }
  return out;
}
