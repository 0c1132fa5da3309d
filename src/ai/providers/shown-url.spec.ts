import { describe, expect, it } from 'vitest';
import { shownUrl } from './ai-providers.service.js';

describe('the provider endpoint an admin sees carries no secret', () => {
  it.each([
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['https://user:sk-secret@llm.example.com/v1', 'https://llm.example.com/v1'],
    [
      'https://example.openai.azure.com/openai/v1?api-key=secret&api-version=2024',
      'https://example.openai.azure.com/openai/v1',
    ],
    ['http://127.0.0.1:11434/v1#token=x', 'http://127.0.0.1:11434/v1'],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (input, shown) => {
    expect(shownUrl(input)).toBe(shown);
  });
});
