/** Scripts written without spaces: each character is a token (a word boundary is unknowable without a dictionary). */
const UNSPACED =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const TOKEN = new RegExp(`[${UNSPACED}]|[^\\s${UNSPACED}]+`, 'gu');
const UNSPACED_CHAR = new RegExp(`^[${UNSPACED}]$`, 'u');

export interface TextToken {
  /** Case-, width- and punctuation-insensitive form used for matching. */
  norm: string;
  /** Character offsets in the source text. */
  start: number;
  end: number;
  kind: 'word' | 'char';
}

export const normalizeToken = (raw: string): string =>
  raw.normalize('NFKC').toLowerCase().replace(/\p{P}/gu, '');

/** Words (space-separated scripts) and single characters (unspaced scripts); pure punctuation is skipped. */
export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const norm = normalizeToken(m[0]);
    if (!norm) continue;
    tokens.push({
      norm,
      start: m.index,
      end: m.index + m[0].length,
      kind: UNSPACED_CHAR.test(m[0]) ? 'char' : 'word',
    });
  }
  return tokens;
}
