import { describe, expect, it } from 'vitest';
import { fromDiarizedJson, fromJson, fromVerboseJson, languageCode, MalformedAsrResponseError } from './openai-response.js';

describe('OpenAI transcription responses', () => {
  it('verbose_json: confidence from avg_logprob, no_speech_prob, words in ms, ISO language', () => {
    const r = fromVerboseJson({
      text: ' hello there ',
      language: 'english',
      segments: [{ avg_logprob: -0.2, no_speech_prob: 0.01 }, { avg_logprob: -0.4, no_speech_prob: 0.3 }],
      words: [{ word: 'hello', start: 0.1, end: 0.4 }],
    });
    expect(r).toMatchObject({ text: 'hello there', language: 'en', noSpeechProb: 0.01, words: [{ text: 'hello', startMs: 100, endMs: 400 }] });
    expect(r.confidence).toBeCloseTo(Math.exp(-0.3));
  });

  it('json: logprobs when present', () => {
    expect(fromJson({ text: 'a', logprobs: [{ logprob: 0 }, { logprob: -2 }] }).confidence).toBeCloseTo(Math.exp(-1));
    expect(fromJson({ text: 'a' }).confidence).toBeUndefined();
  });

  it('diarized_json: spans with speakers', () => {
    expect(fromDiarizedJson({ text: 'a b', segments: [{ text: 'a', start: 0, end: 1, speaker: 'A' }, { text: 'b', start: 1, end: 2 }] }).spans).toEqual([
      { text: 'a', startMs: 0, endMs: 1000, speaker: 'A' },
      { text: 'b', startMs: 1000, endMs: 2000, speaker: undefined },
    ]);
  });

  it.each([['<html>oops</html>'], [null], [{ foo: 1 }]])('refuses a malformed body %j', (body) => {
    expect(() => fromJson(body)).toThrow(MalformedAsrResponseError);
  });

  it.each([
    ['English', 'en'],
    ['de', 'de'],
    ['', undefined],
    [42, undefined],
  ])('languageCode(%j) → %j', (raw, code) => expect(languageCode(raw)).toBe(code));
});
