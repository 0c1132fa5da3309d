import { describe, expect, it } from 'vitest';
import { chunkTranscript, formatLine } from './transcript-chunks.js';

const seg = (i: number, text: string, speaker: string | null = 'A') => ({ id: `s${i}`, speaker, text, startMs: i * 61_000, endMs: i * 61_000 + 500 });

describe('chunkTranscript', () => {
  it.each([
    { max: 10_000, sizes: [5] },
    { max: 60, sizes: [1, 1, 1, 1, 1] },
    { max: 120, sizes: [2, 2, 1] },
  ])('splits five lines with max $max chars into $sizes', ({ max, sizes }) => {
    const segments = [0, 1, 2, 3, 4].map((i) => seg(i, `line number ${i} has some words in it`));
    const chunks = chunkTranscript(segments, {}, max);
    expect(chunks.map((c) => c.lines.length)).toEqual(sizes);
    expect(chunks.flatMap((c) => c.lines.map((l) => l.index))).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps a line longer than the budget whole, alone', () => {
    const chunks = chunkTranscript([seg(0, 'x'.repeat(200)), seg(1, 'short')], {}, 50);
    expect(chunks.map((c) => c.lines.length)).toEqual([1, 1]);
  });

  it('gives the same transcript chunked alike the same chunks, and chunks it anew for other names or sizes', () => {
    const segments = [0, 1, 2].map((i) => seg(i, `line ${i}`));
    const names = { A: 'Laura' };
    const first = chunkTranscript(segments, names, 1_000);
    expect(chunkTranscript(segments, names, 1_000)).toBe(first);
    expect(chunkTranscript(segments, { A: 'Ann' }, 1_000)[0].prompt).toContain('Ann:');
    expect(chunkTranscript(segments, { A: 'Ann' }, 10).length).toBe(3);
    expect(chunkTranscript([...segments], names, 1_000)).not.toBe(first);
  });

  it('formats speaker-aware lines with the display name and clock', () => {
    expect(formatLine(3, seg(3, '  hello   there '), { A: 'Laura' })).toBe('[3] 03:03 Laura: hello there');
    expect(formatLine(0, seg(0, 'hi', null), {})).toBe('[0] 00:00 Unknown: hi');
  });
});
