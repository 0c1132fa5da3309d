import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asrPrompt, PROMPT_CHARS } from './asr-prompt.js';

describe('asrPrompt', () => {
  it.each([
    ['nothing', undefined, undefined, undefined],
    ['only the transcript tail', [], 'we met on Monday', 'we met on Monday'],
    ['only the vocabulary', ['Mina', 'Acme Cloud'], undefined, 'Glossary: Mina, Acme Cloud.'],
    ['both, vocabulary first', ['Mina'], 'so the demo', 'Glossary: Mina. so the demo'],
  ])('%s', (_, vocabulary, tail, expected) => {
    expect(asrPrompt(vocabulary, tail)).toBe(expected);
  });

  it('keeps the end of a long transcript and whole terms within the cap', () => {
    const vocabulary = Array.from({ length: 100 }, (_, i) => `Term${i}`);
    const tail = 'x'.repeat(2_000) + ' the last words';
    const prompt = asrPrompt(vocabulary, tail)!;
    expect(prompt.length).toBeLessThanOrEqual(PROMPT_CHARS);
    expect(prompt.startsWith('Glossary: Term0, Term1,')).toBe(true);
    expect(prompt.endsWith('the last words')).toBe(true);
    const glossary = /^Glossary: (.*?)\. /.exec(prompt)![1].split(', ');
    expect(glossary.every((t) => vocabulary.includes(t))).toBe(true);
  });

  it('never exceeds the cap, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 100 }), { maxLength: 50 }),
        fc.option(fc.string({ maxLength: 1_500 }), { nil: undefined }),
        (vocabulary, tail) => {
          const prompt = asrPrompt(vocabulary, tail);
          expect((prompt ?? '').length).toBeLessThanOrEqual(PROMPT_CHARS);
        },
      ),
    );
  });
});
