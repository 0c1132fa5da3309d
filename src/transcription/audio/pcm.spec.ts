import { describe, expect, it } from 'vitest';
import { AudioFormatError } from './audio-format.error.js';
import { decodePcm16, encodePcm16 } from './pcm.js';

describe('decodePcm16', () => {
  it.each([
    { bytes: [0x00, 0x00], sample: 0 },
    { bytes: [0x01, 0x00], sample: 1 / 32768 },
    { bytes: [0xff, 0x7f], sample: 32767 / 32768 },
    { bytes: [0x00, 0x80], sample: -1 },
    { bytes: [0xff, 0xff], sample: -1 / 32768 },
  ])('reads $bytes little-endian as $sample', ({ bytes, sample }) => {
    expect(decodePcm16(Uint8Array.from(bytes))[0]).toBe(sample);
  });

  it.each([1, 3, 64 * 1024 + 1])('rejects %i bytes with a typed error', (length) => {
    const decode = (): Float32Array => decodePcm16(new Uint8Array(length));
    expect(decode).toThrow(AudioFormatError);
    expect(decode).toThrow(expect.objectContaining({ code: 'ODD_BYTE_LENGTH' }));
  });

  it('reads a Buffer slice that starts at an odd offset', () => {
    const backing = Buffer.from([0xaa, 0x34, 0x12, 0xcd, 0xab]);
    expect(Array.from(decodePcm16(backing.subarray(1)), (s) => s * 32768)).toEqual([
      0x1234,
      0xabcd - 0x10000,
    ]);
  });

  it('accepts an empty chunk', () => {
    expect(decodePcm16(new Uint8Array(0))).toHaveLength(0);
  });
});

describe('encodePcm16', () => {
  it('round-trips every 16-bit value exactly', () => {
    const all = Buffer.alloc(65536 * 2);
    for (let v = -32768; v <= 32767; v++) all.writeInt16LE(v, (v + 32768) * 2);
    expect(encodePcm16(decodePcm16(all)).equals(all)).toBe(true);
  });

  it.each([
    { sample: 0.5, value: 16384 },
    { sample: 1, value: 32767 },
    { sample: 1.5, value: 32767 },
    { sample: -1, value: -32768 },
    { sample: -2, value: -32768 },
    { sample: 0, value: 0 },
  ])('writes $sample as $value (clipping out of range)', ({ sample, value }) => {
    expect(encodePcm16(Float32Array.of(sample)).readInt16LE(0)).toBe(value);
  });
});
