import { MinaException } from '#src/common/mina.exception.js';
import type { TemplatesConfig } from '#src/config/config.js';

/**
 * A workspace vocabulary as stored: terms trimmed, inner whitespace collapsed, blanks and
 * case-insensitive repeats dropped (the first spelling wins), within the configured limits.
 */
export function normalizeVocabulary(
  terms: readonly string[],
  limits: Pick<TemplatesConfig, 'vocabularyMaxTerms' | 'vocabularyMaxTermChars'>,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.replace(/\s+/g, ' ').trim();
    if (!term || seen.has(term.toLowerCase())) continue;
    if (term.length > limits.vocabularyMaxTermChars) {
      throw new MinaException(
        'VALIDATION_FAILED',
        `settings.vocabulary: "${term.slice(0, 40)}…" is longer than ${limits.vocabularyMaxTermChars} characters (MINA_VOCABULARY_MAX_TERM_CHARS)`,
        { field: 'settings.vocabulary', max: limits.vocabularyMaxTermChars },
      );
    }
    seen.add(term.toLowerCase());
    out.push(term);
  }
  if (out.length > limits.vocabularyMaxTerms) {
    throw new MinaException(
      'VALIDATION_FAILED',
      `settings.vocabulary has ${out.length} terms; at most ${limits.vocabularyMaxTerms} (MINA_VOCABULARY_MAX_TERMS)`,
      { field: 'settings.vocabulary', max: limits.vocabularyMaxTerms },
    );
  }
  return out;
}
