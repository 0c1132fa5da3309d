import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

const seg = (id: string, speaker: string | null, text: string, startMs: number, endMs: number) => ({
  id,
  speaker,
  text,
  startMs,
  endMs,
});

describe('splitSentences', () => {
  it('splits on terminal punctuation and keeps the segment and speaker', () => {
    const out = splitSentences([seg('s1', 'A', 'We ship Friday. Is that ok? Great!', 0, 3000)]);
    expect(out.map((s) => s.text)).toEqual(['We ship Friday.', 'Is that ok?', 'Great!']);
    expect(out.every((s) => s.segmentId === 's1' && s.speaker === 'A')).toBe(true);
    expect(out.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('interpolates times by character position', () => {
    const text = 'Aaaa aaaa. Bbbb bbbb.';
    const [first, second] = splitSentences([seg('s1', 'A', text, 1000, 3100)]);
    expect(first.startMs).toBe(1000);
    expect(first.endMs).toBe(2000);
    expect(second.startMs).toBe(2100);
    expect(second.endMs).toBe(3100);
  });

  it.each([
    ['titles', 'Mr. Smith will call. Then we stop.', ['Mr. Smith will call.', 'Then we stop.']],
    ['initials', 'Ask J. Smith first. Done.', ['Ask J. Smith first.', 'Done.']],
    [
      'e.g. and decimals',
      'Use a tool, e.g. a linter with 3.5 rules. Next.',
      ['Use a tool, e.g. a linter with 3.5 rules.', 'Next.'],
    ],
    ['no punctuation', 'we never stop talking', ['we never stop talking']],
    ['empty text', '', []],
  ])('keeps %s together', (_case, text, expected) => {
    expect(splitSentences([seg('s', 'A', text, 0, 1000)]).map((s) => s.text)).toEqual(expected);
  });

  it('orders segments by time and maps speaker labels to names', () => {
    const out = splitSentences(
      [seg('late', 'SPEAKER_01', 'Second.', 5000, 6000), seg('early', 'SPEAKER_00', 'First.', 0, 1000)],
      { SPEAKER_00: 'Alice' },
    );
    expect(out.map((s) => [s.segmentId, s.speaker])).toEqual([
      ['early', 'Alice'],
      ['late', 'SPEAKER_01'],
    ]);
  });
});
