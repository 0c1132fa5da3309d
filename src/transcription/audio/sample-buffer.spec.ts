import { describe, expect, it } from 'vitest';
import { BLOCK_SAMPLES, SampleBuffer } from './sample-buffer.js';

/** Sample i of the stream is i itself (exact in float32 below 2^24), so every read says where it came from. */
const ramp = (from: number, n: number) => Float32Array.from({ length: n }, (_, k) => from + k);

type Step = { append: number } | { trim: number } | { read: [number, number] };

/** Runs the steps against the buffer and a plain model of the stream, comparing every read. */
function replay(steps: Step[]): void {
  const buffer = new SampleBuffer();
  let end = 0;
  let start = 0;
  for (const step of steps) {
    if ('append' in step) {
      buffer.append(ramp(end, step.append));
      end += step.append;
    } else if ('trim' in step) {
      buffer.trim(step.trim);
      start = Math.max(start, Math.min(step.trim, end));
    } else {
      const [from, to] = step.read;
      const expected = Array.from(ramp(from, to - from));
      expect(Array.from(buffer.view(from, to))).toEqual(expected);
      expect(Array.from(buffer.copy(from, to))).toEqual(expected);
      expect(buffer.sumSquares(from, to)).toBe(expected.reduce((a, x) => a + x * x, 0));
    }
    expect([buffer.start, buffer.end]).toEqual([start, end]);
  }
}

describe('SampleBuffer', () => {
  const B = BLOCK_SAMPLES;
  it.each<{ name: string; steps: Step[] }>([
    { name: 'reads within one block', steps: [{ append: 4_000 }, { read: [0, 4_000] }, { read: [1_000, 1_320] }] },
    { name: 'a chunk that crosses a block boundary', steps: [{ append: B - 100 }, { append: 4_000 }, { read: [B - 200, B + 300] }] },
    { name: 'a chunk longer than a block', steps: [{ append: 2.5 * B }, { read: [0, 2.5 * B] }, { read: [B - 1, 2 * B + 1] }] },
    { name: 'an empty range and an empty chunk', steps: [{ append: 0 }, { append: 10 }, { read: [5, 5] }, { read: [0, 10] }] },
    {
      name: 'trimming frees whole blocks and keeps the rest readable',
      steps: [{ append: 3 * B }, { trim: B + 10 }, { read: [B + 10, 3 * B] }, { append: B }, { read: [2 * B - 5, 4 * B] }],
    },
    { name: 'an empty range once everything is trimmed at a block boundary', steps: [{ append: 2 * B }, { trim: 2 * B }, { read: [2 * B, 2 * B] }, { append: 5 }, { read: [2 * B, 2 * B + 5] }] },
    { name: 'trimming past the end stops at the end', steps: [{ append: 500 }, { trim: 10_000 }, { append: 500 }, { read: [500, 1_000] }] },
    { name: 'trimming backwards is a no-op', steps: [{ append: 2 * B }, { trim: B }, { trim: 10 }, { read: [B, 2 * B] }] },
    {
      name: 'a live stream: 250 ms chunks, windows trimmed as they close',
      steps: Array.from({ length: 60 }, (_, k): Step[] => [{ append: 4_000 }, ...(k % 7 === 6 ? [{ trim: (k - 2) * 4_000 }] : []), { read: [Math.max(0, (k - 2) * 4_000), (k + 1) * 4_000] }]).flat(),
    },
  ])('$name', ({ steps }) => replay(steps));

  it.each([
    [-1, 10],
    [0, 11],
    [6, 5],
  ])('refuses to read [%i, %i) outside [0, 10)', (from, to) => {
    const buffer = new SampleBuffer();
    buffer.append(ramp(0, 10));
    expect(() => buffer.view(from, to)).toThrow(RangeError);
    expect(() => buffer.copy(from, to)).toThrow(RangeError);
  });

  it('refuses to read what was trimmed', () => {
    const buffer = new SampleBuffer();
    buffer.append(ramp(0, 2 * B));
    buffer.trim(B + 1);
    expect(() => buffer.view(B, B + 10)).toThrow(RangeError);
  });

  it('a copy outlives later appends; blocks freed by one buffer serve another without leaking old samples into reads', () => {
    const a = new SampleBuffer();
    a.append(ramp(0, 3 * B));
    const kept = a.copy(0, 3 * B);
    a.trim(3 * B);
    const b = new SampleBuffer();
    b.append(ramp(0, 2 * B));
    expect(Array.from(b.view(B - 3, B + 3))).toEqual(Array.from(ramp(B - 3, 6)));
    expect(kept[2 * B]).toBe(2 * B);
  });
});
