import { speakerDisplayName, type TranscriptSegment } from './transcript.js';

export interface Sentence {
  /** Position in the meeting, 0-based, in time order. */
  index: number;
  segmentId: string;
  /** Display name when one is known, else the diarization label. */
  speaker: string | null;
  text: string;
  startMs: number;
  endMs: number;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st vs etc e.g i.e inc ltd jr sr approx no fig dept est min max cf al'.split(' '),
);
const TERMINATOR = /[.!?]+["')\]]*(?=\s|$)/g;

function isAbbreviation(text: string, dotAt: number): boolean {
  if (text[dotAt] !== '.') return false;
  const token = (/(\S+)$/.exec(text.slice(0, dotAt))?.[1] ?? '').replace(/^[("']+/, '');
  // A lone capital is an initial ("J. Smith"), not the end of a thought.
  return ABBREVIATIONS.has(token.toLowerCase()) || /^\p{Lu}$/u.test(token);
}

function splitText(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of text.matchAll(TERMINATOR)) {
    if (isAbbreviation(text, m.index)) continue;
    const end = m.index + m[0].length;
    spans.push({ start, end });
    start = end;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans
    .map(({ start: s, end }) => {
      const lead = text.slice(s, end).search(/\S/);
      return { start: lead < 0 ? end : s + lead, end: s + text.slice(s, end).trimEnd().length };
    })
    .filter((span) => span.end > span.start && /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end)));
}

/**
 * Splits segments into sentences in time order. A sentence's times are interpolated inside its
 * segment by character position, which is close enough at speaking pace and needs no word timings.
 */
export function splitSentences(
  segments: readonly TranscriptSegment[],
  speakerNames: Readonly<Record<string, string>> = {},
): Sentence[] {
  const ordered = [...segments].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const out: Sentence[] = [];
  for (const seg of ordered) {
    const text = seg.text;
    const duration = Math.max(0, seg.endMs - seg.startMs);
    const at = (pos: number) => seg.startMs + Math.round((duration * pos) / Math.max(1, text.length));
    for (const span of splitText(text)) {
      out.push({
        index: out.length,
        segmentId: seg.id,
        speaker: speakerDisplayName(seg.speaker, speakerNames),
        text: text.slice(span.start, span.end),
        startMs: at(span.start),
        endMs: at(span.end),
      });
    }
  }
  return out;
}
