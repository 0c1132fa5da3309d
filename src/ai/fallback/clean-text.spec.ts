import { describe, expect, it } from 'vitest';
import { cleanText, refineSegments, stripMarkup } from './clean-text.js';

describe('cleanText', () => {
  it.each([
    ['corpus markup', 'Okay {vocalsound} so {gap} we start {comment} now .', 'Okay so we start now.'],
    ['ASR tags', '[laughter] That was <unk> fun (inaudible) really .', 'That was fun really.'],
    [
      'ICSI unintelligible marks',
      'include the test @ @ the target language',
      'Include the test the target language',
    ],
    ['a markup-only turn', '{vocalsound} {vocalsound}', ''],
    ['um and uh', 'Um so we need uh a plan .', 'So we need a plan.'],
    ['erm and hmm with their comma', 'Erm , I think , hmm , it works .', 'I think, it works.'],
    ['a filler-only turn', 'Um .', ''],
    ['mm-hmm and uh-huh are answers, not fillers', 'Mm-hmm . Uh-huh , yeah .', 'Mm-hmm. Uh-huh, yeah.'],
    ['"you know" between commas', 'It was , you know , expensive .', 'It was, expensive.'],
    ['"you know" opening a sentence', 'You know , the price matters .', 'The price matters.'],
    ['"you know" closing a sentence', 'It looks cheap , you know .', 'It looks cheap.'],
    ['"you know" as a verb stays', 'Do you know what I mean ?', 'Do you know what I mean?'],
    ['"you know" with an object stays', 'I think you know the answer .', 'I think you know the answer.'],
    ['"I mean" as a parenthetical', 'I mean , it is fine .', 'It is fine.'],
    ['a stuttered word', 'the the design is is good', 'The design is good'],
    ['a stuttered phrase', 'it could it could be better', 'It could be better'],
    ['a five-word restart', "I'm gonna have to I'm gonna have to stop", "I'm gonna have to stop"],
    ['repeats across punctuation stay', 'Yeah , yeah .', 'Yeah, yeah.'],
    ['counted numbers stay', 'two two five', 'Two two five'],
    ['a truncated word', 'so des design a new one', 'So design a new one'],
    [
      'a fragment abandoned at a restart marker',
      'So cost {disfmarker} like production cost .',
      'Like production cost.',
    ],
    [
      'a restart after a long stretch keeps the words',
      'but selling price is {disfmarker} is that retail ?',
      'But selling price is that retail?',
    ],
    ['spelled acronyms', 'the T_V_ and the L_E_D_s', 'The TV and the LEDs'],
    ['detached clitics', "that 's what we 're doing", "That's what we're doing"],
    [
      'spaced punctuation and capitals',
      'hello , world . this is fine ? yes !',
      'Hello, world. This is fine? Yes!',
    ],
    ['lower-case i', "so i think i'm right", "So I think I'm right"],
    ['trailing comma', 'and we decided ,', 'And we decided'],
    ['spaced quotes', 'it says " Mode " there', 'It says "Mode" there'],
  ])('%s', (_case, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = cleanText('Um so the the {disfmarker} the T_V_ , you know , is is great .');
    expect(cleanText(once)).toBe(once);
  });
});

describe('stripMarkup', () => {
  it('keeps fillers and words, only markup goes', () => {
    expect(stripMarkup('Um {vocalsound} the the T_V_ {disfmarker} yes')).toBe('Um the the TV yes');
  });
});

describe('refineSegments', () => {
  it('keeps ids, speakers and times', () => {
    const [out] = refineSegments([
      { id: 'a1', speaker: 'S1', text: 'um hello {vocalsound}', startMs: 100, endMs: 900, confidence: 0.9 },
    ]);
    expect(out).toEqual({
      id: 'a1',
      speaker: 'S1',
      text: 'Hello',
      startMs: 100,
      endMs: 900,
      confidence: 0.9,
    });
  });
});
