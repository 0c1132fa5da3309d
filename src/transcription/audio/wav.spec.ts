import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav, parseWav } from './wav.js';
import { fixturesDir } from '../../../test/support/fixtures.js';

const fixture = (name: string): string => join(fixturesDir(), 'audio', name);

/** A hand-built WAV: fmt fields, then the given extra chunks, then data. */
function wav(opts: {
  format?: number;
  channels?: number;
  bits?: number;
  extra?: Buffer;
  data: Buffer;
  dataSize?: number;
}): Buffer {
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(opts.format ?? 1, 8);
  fmt.writeUInt16LE(opts.channels ?? 1, 10);
  fmt.writeUInt32LE(16000, 12);
  fmt.writeUInt32LE(32000, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(opts.bits ?? 16, 22);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(opts.dataSize ?? opts.data.length, 4);
  const body = Buffer.concat([
    Buffer.from('WAVE'),
    fmt,
    opts.extra ?? Buffer.alloc(0),
    dataHeader,
    opts.data,
  ]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

const pcm = (...values: number[]): Buffer => Buffer.from(Int16Array.from(values).buffer);

describe('encodeWav', () => {
  it('writes a 44-byte PCM16 mono header that parseWav reads back', () => {
    const samples = Float32Array.from([0, 0.25, -0.5, 32767 / 32768]);
    const file = encodeWav(samples);
    expect(file.length).toBe(44 + 8);
    expect(file.toString('ascii', 0, 4)).toBe('RIFF');
    expect(file.readUInt32LE(4)).toBe(file.length - 8);
    expect(file.readUInt32LE(24)).toBe(16000);
    expect(file.readUInt32LE(40)).toBe(8);
    expect(parseWav(file)).toEqual({ sampleRate: 16000, channels: 1, samples });
  });
});

describe('parseWav', () => {
  it('reads the meeting fixture: 16 kHz mono, as long as its ground truth says', () => {
    const audio = parseWav(readFileSync(fixture('es2002a-2min.wav')));
    const truth = JSON.parse(readFileSync(fixture('es2002a-2min.json'), 'utf8')) as { durationMs: number };
    expect(audio.sampleRate).toBe(16000);
    expect(audio.channels).toBe(1);
    expect(Math.abs(audio.samples.length / 16 - truth.durationMs)).toBeLessThan(1);
  });

  it('skips an odd-sized LIST chunk (padded to even) before data', () => {
    const list = Buffer.concat([
      Buffer.from('LIST'),
      Buffer.from([3, 0, 0, 0]),
      Buffer.from('abc'),
      Buffer.alloc(1),
    ]);
    expect(parseWav(wav({ extra: list, data: pcm(100, -100) })).samples).toEqual(
      Float32Array.from([100, -100], (v) => v / 32768),
    );
  });

  it('averages stereo to mono', () => {
    expect(parseWav(wav({ channels: 2, data: pcm(1000, 3000, -2000, 0) })).samples).toEqual(
      Float32Array.from([2000, -1000], (v) => v / 32768),
    );
  });

  it('reads to the end when a streaming writer left the data size unset', () => {
    expect(parseWav(wav({ data: pcm(1, 2, 3), dataSize: 0xffffffff })).samples).toHaveLength(3);
  });

  it.each([
    { name: 'not RIFF', file: Buffer.from('RIFX0000WAVEfmt '), code: 'INVALID_WAV' },
    { name: 'truncated', file: Buffer.from('RIFF'), code: 'INVALID_WAV' },
    { name: 'no data chunk', file: wav({ data: Buffer.alloc(0) }).subarray(0, 36), code: 'INVALID_WAV' },
    { name: '8-bit', file: wav({ bits: 8, data: Buffer.alloc(4) }), code: 'UNSUPPORTED_WAV' },
    {
      name: 'IEEE float',
      file: wav({ format: 3, bits: 32, data: Buffer.alloc(8) }),
      code: 'UNSUPPORTED_WAV',
    },
  ])('rejects $name with $code', ({ file, code }) => {
    expect(() => parseWav(file)).toThrow(expect.objectContaining({ name: 'AudioFormatError', code }));
  });
});
