import { describe, expect, it } from 'vitest';
import { assembleParts, type AssemblyReport } from './assemble-parts.js';
import { keepsAudio } from './keep-setting.js';
import type { PartRow } from './recording-parts.repository.js';

/** Part files whose samples are their own timeline positions, read back in awkward (odd) pieces. */
function files(parts: PartRow[], shorten?: string): (key: string) => Promise<Iterable<Buffer>> {
  const blobs = new Map(parts.map((p) => [p.key, Buffer.from(Int16Array.from({ length: p.sampleCount }, (_, i) => p.startSample + i).buffer)]));
  return (key: string): Promise<Iterable<Buffer>> => {
    const bytes = key === shorten ? blobs.get(key)!.subarray(2) : blobs.get(key)!;
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
    return Promise.resolve(pieces);
  };
}

const part = (startSample: number, sampleCount: number): PartRow => ({ startSample, sampleCount, key: `${startSample}-${sampleCount}` });

async function assemble(parts: PartRow[], shorten?: string): Promise<{ samples: number[]; report: AssemblyReport }> {
  const report = { samples: 0, silence: 0 };
  const out: Buffer[] = [];
  for await (const piece of assembleParts(parts, files(parts, shorten), report)) {
    expect(piece.length % 2).toBe(0);
    out.push(piece);
  }
  const all = Buffer.concat(out);
  return { samples: [...new Int16Array(all.buffer, all.byteOffset, all.length / 2)], report };
}

describe('assembleParts', () => {
  it.each([
    ['back to back', [part(0, 10), part(10, 10), part(20, 5)]],
    ['a takeover archived again from its replay point', [part(0, 10), part(10, 10), part(6, 10), part(16, 10)]],
    ['a longer and a shorter part from the same sample', [part(0, 12), part(0, 8), part(12, 13)]],
    ['a part inside what is assembled already', [part(0, 20), part(5, 5), part(20, 5)]],
  ])('%s: every sample once, at its place', async (_, parts) => {
    const end = Math.max(...parts.map((p) => p.startSample + p.sampleCount));
    const { samples, report } = await assemble(parts);
    expect(samples).toEqual([...Array(end).keys()]);
    expect(report).toEqual({ samples: end, silence: 0 });
  });

  it('fills a hole with silence of its exact length, so playback times stay the transcript times', async () => {
    const { samples, report } = await assemble([part(3, 4), part(10, 2)]);
    expect(samples).toEqual([0, 0, 0, 3, 4, 5, 6, 0, 0, 0, 10, 11]);
    expect(report).toEqual({ samples: 12, silence: 6 });
  });

  it('fails on a part file that does not hold what its row says', async () => {
    await expect(assemble([part(0, 4), part(4, 4)], '4-4')).rejects.toThrow(/holds 6 bytes, its row says 8/);
  });
});

describe('keepsAudio', () => {
  it.each([
    ['no settings', null, true],
    ['nothing said', {}, true],
    ['keep on', { recordings: { keep: true } }, true],
    ['keep on for 30 days', { recordings: { keep: true, retentionDays: 30 } }, true],
    ['only a retention period', { recordings: { retentionDays: 7 } }, true],
    ['keep off', { recordings: { keep: false } }, false],
  ])('%s', (_, settings, expected) => {
    expect(keepsAudio(settings)).toBe(expected);
  });
});
