import { speakerDisplayName, type TranscriptSegment } from './fallback/transcript.js';

export interface TranscriptLine {
  /** Position in the whole transcript; the model cites lines by it, we map it back to the segment. */
  index: number;
  segment: TranscriptSegment;
  text: string;
}

export interface TranscriptChunk {
  lines: TranscriptLine[];
  prompt: string;
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** `[12] 03:41 Laura: text` — speaker-aware, with the index the model uses to cite evidence. */
export function formatLine(index: number, segment: TranscriptSegment, speakerNames: Readonly<Record<string, string>>): string {
  const speaker = speakerDisplayName(segment.speaker, speakerNames) ?? 'Unknown';
  return `[${index}] ${clock(segment.startMs)} ${speaker}: ${segment.text.replace(/\s+/g, ' ').trim()}`;
}

/** The last chunking of each transcript: the tasks, summary and topics stages chunk the same one alike. */
const lastChunking = new WeakMap<readonly TranscriptSegment[], { speakerNames: Readonly<Record<string, string>>; maxChars: number; chunks: readonly TranscriptChunk[] }>();

/**
 * Splits a transcript into chunks of whole lines that fit `maxChars` (one line longer than that
 * is its own chunk). Long meetings are processed chunk by chunk and the results merged. The same
 * transcript array chunked again with the same names and size gets the same (read-only) chunks.
 */
export function chunkTranscript(
  segments: readonly TranscriptSegment[],
  speakerNames: Readonly<Record<string, string>>,
  maxChars: number,
): readonly TranscriptChunk[] {
  const last = lastChunking.get(segments);
  if (last && last.speakerNames === speakerNames && last.maxChars === maxChars) return last.chunks;
  const chunks = splitTranscript(segments, speakerNames, maxChars);
  lastChunking.set(segments, { speakerNames, maxChars, chunks });
  return chunks;
}

function splitTranscript(
  segments: readonly TranscriptSegment[],
  speakerNames: Readonly<Record<string, string>>,
  maxChars: number,
): TranscriptChunk[] {
  const chunks: TranscriptChunk[] = [];
  let lines: TranscriptLine[] = [];
  let texts: string[] = [];
  let size = 0;
  segments.forEach((segment, index) => {
    const text = formatLine(index, segment, speakerNames);
    if (lines.length > 0 && size + text.length + 1 > maxChars) {
      chunks.push({ lines, prompt: texts.join('\n') });
      lines = [];
      texts = [];
      size = 0;
    }
    lines.push({ index, segment, text });
    texts.push(text);
    size += text.length + 1;
  });
  if (lines.length > 0) chunks.push({ lines, prompt: texts.join('\n') });
  return chunks;
}
