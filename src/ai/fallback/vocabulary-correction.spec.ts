import { describe, expect, it } from 'vitest';
import { correctToVocabulary } from './vocabulary-correction.js';

const VOCABULARY = ['Mina', 'Acme Cloud', 'kubectl', 'Grafana', 'PGlite'];

describe('correctToVocabulary', () => {
  it.each([
    ['a name one letter off', 'Mena is ready.', 'Mina is ready.'],
    ['words of a multi-word term', 'We asked Acne Clowd for a quote.', 'We asked Acme Cloud for a quote.'],
    ['a name with a letter too many', 'Open Graffana now.', 'Open Grafana now.'],
    ['lower-case jargon', 'run kubectel apply', 'run kubectl apply'],
    ['jargon capitalized at a sentence start', 'Kubectel is installed.', 'Kubectl is installed.'],
    ['jargon in capitals', 'KUBECTEL APPLY', 'KUBECTL APPLY'],
    ['a name with its own casing', 'The PGlyte file.', 'The PGlite file.'],
    ['possessive keeps its ending when the word is found', "Mina's plan", "Mina's plan"],
    ['several in one line', 'Mena and Grafanna', 'Mina and Grafana'],
  ])('corrects %s', (_, text, expected) => {
    expect(correctToVocabulary(text, VOCABULARY)).toBe(expected);
  });

  it.each([
    ['the term itself', 'Mina is ready.'],
    ['a lower-case common word near a name', 'That one is mine.'],
    ['a capitalized common word near a name', 'Mine is ready.'],
    ['a short word', 'Min is short for minimum.'],
    ['another first letter', 'Tina is here.'],
    ['two edits away', 'Mono audio, Meat value.'],
    ['a lower-case word near a name', 'the mena was good'],
    ['an empty line', ''],
  ])('leaves %s alone', (_, text) => {
    expect(correctToVocabulary(text, VOCABULARY)).toBe(text);
  });

  it('leaves a word alone when two terms are equally near', () => {
    expect(correctToVocabulary('Dana said so.', ['Dina', 'Dona'])).toBe('Dana said so.');
  });

  it('does nothing without a vocabulary', () => {
    expect(correctToVocabulary('Mena is ready.', [])).toBe('Mena is ready.');
  });
});
