/**
 * The `prompt` of a transcription request: the workspace vocabulary first (names, products,
 * jargon the model should spell so), then the tail of the transcript so far for continuity.
 * Prompts are capped (224 tokens for whisper, ~600 characters here); the vocabulary takes at
 * most half of it, whole terms only, so the transcript tail always keeps room.
 */
export const PROMPT_CHARS = 600;
const VOCABULARY_SHARE = PROMPT_CHARS / 2;

export function asrPrompt(
  vocabulary: readonly string[] | undefined,
  tail: string | undefined,
  maxChars = PROMPT_CHARS,
): string | undefined {
  const terms: string[] = [];
  let used = 'Glossary: .'.length;
  for (const term of vocabulary ?? []) {
    const cost = term.length + (terms.length > 0 ? 2 : 0);
    if (used + cost > Math.min(VOCABULARY_SHARE, maxChars / 2)) break;
    terms.push(term);
    used += cost;
  }
  const glossary = terms.length > 0 ? `Glossary: ${terms.join(', ')}.` : '';
  const room = maxChars - glossary.length - (glossary ? 1 : 0);
  const context = tail ? tail.slice(-room) : '';
  const prompt = [glossary, context].filter(Boolean).join(' ');
  return prompt || undefined;
}
