import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalsToLoad, scanDelayMs, takeBatch, type FinalRow } from './copilot-batch.js';

const final = (seq: number, text: string, speaker: string | null = 'A'): FinalRow => ({
  id: `s${seq}`,
  seq,
  text,
  speaker,
  startMs: seq * 4000,
  endMs: seq * 4000 + 3500,
});

describe('takeBatch: what one scan reads', () => {
  it('is null when there is nothing new', () => {
    expect(takeBatch([], {}, 1000)).toBeNull();
  });

  it.each([
    // [finals' text lengths, budget, lines taken, more left]
    [[10, 10, 10], 1000, 3, false],
    [[100, 100, 100], 250, 2, true],
    [[100, 100, 100], 120, 1, true],
    [[5000], 300, 1, false],
    [[5000, 10], 300, 1, true],
  ])('texts of %j in %i chars → %i lines, more: %s', (lengths, budget, taken, more) => {
    const finals = lengths.map((n, i) => final(i + 7, 'x'.repeat(n)));
    const batch = takeBatch(finals, {}, budget)!;
    expect(batch.segments).toHaveLength(taken);
    expect(batch.more).toBe(more);
    expect(batch.lastSeq).toBe(7 + taken - 1);
    expect(batch.prompt.length).toBeLessThanOrEqual(budget);
  });

  it('numbers the lines from 0 for the model to cite, with the renamed speaker', () => {
    const batch = takeBatch(
      [final(3, 'We decided on rubber.', 'SPEAKER_1'), final(4, 'Good.', null)],
      { SPEAKER_1: 'Laura' },
      1000,
    )!;
    expect(batch.prompt.split('\n')).toEqual([
      '[0] 00:12 Laura: We decided on rubber.',
      '[1] 00:16 Unknown: Good.',
    ]);
  });

  it('property: the input of a scan never exceeds the budget, and scans in a row read every final once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 400 }), { maxLength: 60 }),
        fc.integer({ min: 200, max: 3000 }),
        (texts, budget) => {
          let pending = texts.map((t, i) => final(i, t));
          const read: number[] = [];
          let scans = 0;
          while (pending.length > 0) {
            const batch = takeBatch(pending, {}, budget)!;
            expect(batch.prompt.length).toBeLessThanOrEqual(budget);
            read.push(...batch.segments.map((s) => s.seq));
            pending = pending.filter((s) => s.seq > batch.lastSeq);
            expect(batch.more).toBe(pending.length > 0);
            scans++;
          }
          expect(read).toEqual(texts.map((_, i) => i));
          // Whole lines up to the budget: never more scans than finals.
          expect(scans).toBeLessThanOrEqual(texts.length);
        },
      ),
    );
  });
});

describe('scanDelayMs: at most one scan per session per interval', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s));
  it.each([
    [null, 30, 20, 0],
    [0, 30, 20, 0],
    [0, 20, 20, 0],
    [0, 5, 20, 15_000],
    [10, 10, 20, 20_000],
    [40, 30, 20, 30_000],
  ])('last scan at %s s, now %i s, interval %i s → wait %i ms', (last, now, interval, wait) => {
    expect(scanDelayMs(last === null ? null : at(last), at(now), interval * 1000)).toBe(wait);
  });

  it('bounds cost per minute of audio: at most ⌈60 / interval⌉ scans (LLM calls of at most the char budget each) in any minute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 200 }),
        (intervalS, attempts) => {
          // Scans attempted at arbitrary times; each one runs only when the interval since the last has passed.
          let last: Date | null = null;
          const ran: number[] = [];
          for (const t of [...attempts].sort((a, b) => a - b)) {
            if (scanDelayMs(last, new Date(t), intervalS * 1000) > 0) continue;
            last = new Date(t);
            ran.push(t);
          }
          for (const start of ran) {
            const inMinute = ran.filter((t) => t >= start && t < start + 60_000).length;
            expect(inMinute).toBeLessThanOrEqual(Math.ceil(60 / intervalS));
          }
        },
      ),
    );
  });

  it('loads enough finals to fill the budget with short lines, within bounds', () => {
    expect(finalsToLoad(200)).toBe(20);
    expect(finalsToLoad(6000)).toBe(600);
    expect(finalsToLoad(200_000)).toBe(2000);
  });
});
