import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from './fallback/transcript.js';
import { continueSentence, continueSentences, endsSentence } from './sentence-continuation.js';

const seg = (id: string, text: string, speaker: string | null = 'A'): TranscriptSegment => ({ id, speaker, text, startMs: 0, endMs: 0 });

function refine(...lines: [text: string, speaker?: string | null][]): string[] {
  const segments = lines.map(([text, speaker], i) => seg(String(i), text, speaker));
  const out = continueSentences(segments, new Map(segments.map((s) => [s.id, s.text])));
  return segments.map((s) => out.get(s.id)!);
}

describe('continueSentences', () => {
  it.each<[string, [string, (string | null)?][], string[]]>([
    ['the issue’s split sentence', [['We need to design a'], ['New remote control.']], ['We need to design a', 'new remote control.']],
    ['a finished sentence keeps the next capital', [['We need a remote.'], ['New ideas are welcome.']], ['We need a remote.', 'New ideas are welcome.']],
    ['question and exclamation marks end sentences', [['Is it red?'], ['Yes!'], ['Blue']], ['Is it red?', 'Yes!', 'Blue']],
    ['an end mark inside closing quotes still ends', [['He said "done."'], ['Then we left.']], ['He said "done."', 'Then we left.']],
    ['a comma continues', [['First the case,'], ['Then the buttons.']], ['First the case,', 'then the buttons.']],
    ['another speaker starts afresh', [['So we could', 'A'], ['Maybe later.', 'B']], ['So we could', 'Maybe later.']],
    ['an emptied segment is skipped over', [['design a'], [''], ['New remote']], ['design a', '', 'new remote']],
    ['a name the transcript capitalises mid-sentence stays', [['I asked'], ['Laura about it.'], ['Then Laura left.']], ['I asked', 'Laura about it.', 'Then Laura left.']],
    ['"I" stays, as English writes it mid-sentence', [['Yes and then'], ['I think so, and I agree.']], ['Yes and then', 'I think so, and I agree.']],
    ['acronyms stay', [['We talked to'], ['NASA today.']], ['We talked to', 'NASA today.']],
    ['a leading quote keeps its place', [['She said'], ['"Never again."']], ['She said', '"never again."']],
    ['German: a noun written capitalised mid-sentence stays', [['Wir brauchen eine'], ['Fernbedienung.'], ['Die neue Fernbedienung ist gut.']], ['Wir brauchen eine', 'Fernbedienung.', 'Die neue Fernbedienung ist gut.']],
    ['German: a verb-initial continuation goes lower case', [['Wir müssen das'], ['Entwerfen und bauen.']], ['Wir müssen das', 'entwerfen und bauen.']],
    ['French with accents', [['Nous devons'], ['Étudier le boîtier.']], ['Nous devons', 'étudier le boîtier.']],
    ['Russian', [['Нам нужно сделать'], ['Новый пульт.']], ['Нам нужно сделать', 'новый пульт.']],
    ['Greek question mark ends a sentence', [['Τι είναι\u037E'], ['Ένα τηλεχειριστήριο.']], ['Τι είναι\u037E', 'Ένα τηλεχειριστήριο.']],
    ['Japanese has no case: unchanged', [['新しいリモコンを'], ['設計します。']], ['新しいリモコンを', '設計します。']],
    ['Chinese full stop ends a sentence', [['我们完成了。'], ['Next steps.']], ['我们完成了。', 'Next steps.']],
    ['Spanish opening marks', [['Y entonces'], ['¿Cuándo empezamos?']], ['Y entonces', '¿cuándo empezamos?']],
    ['an unknown speaker continues an unknown speaker', [['we need a', null], ['New design', null]], ['we need a', 'new design']],
  ])('%s', (_name, lines, expected) => {
    expect(refine(...lines)).toEqual(expected);
  });

  it('leaves ids it was not given alone', () => {
    const segments = [seg('a', 'design a'), seg('b', 'New remote')];
    expect([...continueSentences(segments, new Map([['b', 'New remote']]))]).toEqual([['b', 'New remote']]);
  });
});

describe('endsSentence / continueSentence', () => {
  it.each([
    ['Done.', true],
    ['Done…', true],
    ['(Done.)', true],
    ['«Fini.»', true],
    ['Done', false],
    ['Done,', false],
    ['Done:', false],
    ['', false],
  ])('endsSentence(%j) is %s', (text, expected) => expect(endsSentence(text)).toBe(expected));

  it.each([
    ['New remote', 'new remote'],
    ['new remote', 'new remote'],
    ['123 New', '123 New'],
    ['McKinsey said', 'McKinsey said'],
    ['Laura said', 'Laura said'],
  ])('continueSentence(%j) is %j when Laura is a known name', (text, expected) => expect(continueSentence(text, new Set(['Laura']))).toBe(expected));
});
