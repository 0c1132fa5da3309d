import { describe, expect, it } from 'vitest';
import { reconcileOverlap, type ReconcileInput, type TimedWord } from './reconcile.js';

/** Words with times relative to their window, from "text@start-end" items. */
const timed = (...items: string[]): TimedWord[] =>
  items.map((item) => {
    const [text, span] = item.split('@');
    const [startMs, endMs] = span.split('-').map(Number);
    return { text, startMs, endMs };
  });

const cases: { name: string; input: ReconcileInput; text: string; dropped?: number }[] = [
  {
    name: 'drops the repeated tail after a force cut',
    input: {
      previous: { text: 'we need a new remote control' },
      next: { text: 'remote control and it should be cheap' },
      overlapMs: 500,
    },
    text: 'and it should be cheap',
    dropped: 2,
  },
  {
    name: 'ignores case and punctuation differences',
    input: {
      previous: { text: 'So we need the Remote Control.' },
      next: { text: 'remote, control — and then we vote' },
      overlapMs: 500,
    },
    text: 'and then we vote',
  },
  {
    name: 'drops a full duplicate',
    input: {
      previous: { text: 'okay thanks everyone' },
      next: { text: 'Okay, thanks everyone.' },
      overlapMs: 500,
    },
    text: '',
    dropped: 3,
  },
  {
    name: 'drops nothing without overlap, even when the words repeat',
    input: { previous: { text: 'I said no' }, next: { text: 'no no way' }, overlapMs: 0 },
    text: 'no no way',
    dropped: 0,
  },
  {
    name: 'drops nothing when nothing repeats',
    input: { previous: { text: 'the budget is fine' }, next: { text: "let's move on" }, overlapMs: 500 },
    text: "let's move on",
    dropped: 0,
  },
  {
    name: 'keeps a word said again after the overlap (timestamps)',
    input: {
      previous: { text: 'I said no' },
      next: { text: 'no no way', words: timed('no@0-180', 'no@650-800', 'way@820-1000') },
      overlapMs: 500,
    },
    text: 'no way',
    dropped: 1,
  },
  {
    name: 'keeps a matching word that starts after the overlap (timestamps)',
    input: {
      previous: { text: 'and then we should go' },
      next: { text: 'so go ahead', words: timed('so@0-300', 'go@700-900', 'ahead@900-1200') },
      overlapMs: 500,
    },
    text: 'so go ahead',
    dropped: 0,
  },
  {
    name: 'keeps a phrase repeated later in the new window',
    input: {
      previous: { text: 'well thank you' },
      next: { text: 'thank you for coming, thank you' },
      overlapMs: 500,
    },
    text: 'for coming, thank you',
  },
  {
    name: 'keeps the new window when the previous repeat ended before the overlap (previous timestamps)',
    input: {
      previous: { text: 'go there', words: timed('go@8500-8800', 'there@9000-9300'), durationMs: 10_000 },
      next: { text: 'there it is' },
      overlapMs: 500,
    },
    text: 'there it is',
    dropped: 0,
  },
  {
    name: 'matches a word the cut truncated in the previous window',
    input: {
      previous: { text: 'a new remote contr' },
      next: { text: 'remote control and buttons' },
      overlapMs: 500,
    },
    text: 'and buttons',
  },
  {
    name: 'does not take a short word for a truncated one (the / then)',
    input: { previous: { text: 'we will go to the' }, next: { text: 'then we decide' }, overlapMs: 500 },
    text: 'then we decide',
    dropped: 0,
  },
  {
    name: 'tolerates one missed word in a longer repeat',
    input: {
      previous: { text: 'so we need a new remote control' },
      next: { text: 'we need new remote control and buttons' },
      overlapMs: 1000,
    },
    text: 'and buttons',
    dropped: 5,
  },
  {
    name: 'prefers an exact repeat to a longer fuzzy one',
    input: { previous: { text: 'we said no no' }, next: { text: 'no no no we disagree' }, overlapMs: 500 },
    text: 'no we disagree',
    dropped: 2,
  },
  {
    name: 'never drops more than the overlap could hold',
    input: {
      previous: { text: 'one two three four five six seven eight' },
      next: { text: 'one two three four five six seven eight nine' },
      overlapMs: 500,
    },
    text: 'one two three four five six seven eight nine',
    dropped: 0,
  },
  {
    name: 'handles Chinese, which has no spaces',
    input: { previous: { text: '我们今天讨论遥控器' }, next: { text: '遥控器的设计很重要' }, overlapMs: 500 },
    text: '的设计很重要',
    dropped: 3,
  },
  {
    name: 'handles Japanese punctuation',
    input: { previous: { text: '会議を始めます。' }, next: { text: '始めます。では次に' }, overlapMs: 500 },
    text: 'では次に',
  },
  {
    name: 'keeps an opening question mark',
    input: {
      previous: { text: 'vamos a empezar' },
      next: { text: 'a empezar. ¿Qué opinan?' },
      overlapMs: 500,
    },
    text: '¿Qué opinan?',
  },
];

describe('reconcileOverlap', () => {
  it.each(cases)('$name', ({ input, text, dropped }) => {
    const result = reconcileOverlap(input);
    expect(result.text).toBe(text);
    if (dropped !== undefined) expect(result.droppedTokens).toBe(dropped);
  });

  it('returns the remaining timed words', () => {
    const result = reconcileOverlap({
      previous: { text: 'the remote control' },
      next: {
        text: 'remote control, and buttons',
        words: timed('remote@0-200', 'control,@200-450', 'and@600-700', 'buttons@700-1100'),
      },
      overlapMs: 500,
    });
    expect(result).toEqual({
      text: 'and buttons',
      words: timed('and@600-700', 'buttons@700-1100'),
      droppedTokens: 2,
      dropped: 'remote control,',
    });
  });

  it('rebuilds the text from the words when the two disagree', () => {
    const result = reconcileOverlap({
      previous: { text: 'the remote control' },
      next: {
        text: 'Remote-control and buttons',
        words: timed('remote@0-200', 'control@200-450', 'and@600-700', 'buttons@700-1100'),
      },
      overlapMs: 500,
    });
    expect(result.text).toBe('and buttons');
  });
});
