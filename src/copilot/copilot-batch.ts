import type { TranscriptSegment } from '#src/ai/fallback/transcript.js';
import { formatLine } from '#src/ai/transcript-chunks.js';

/** A final segment after the cursor, in seq order. */
export interface FinalRow extends TranscriptSegment {
  seq: number;
}

export interface ScanBatch {
  segments: FinalRow[];
  /** The numbered lines the LLM reads (`[n] mm:ss Speaker: text`); n indexes `segments`. */
  prompt: string;
  /** Where the cursor moves once the batch is examined. */
  lastSeq: number;
  /** Finals were left for the next scan (the char budget ran out). */
  more: boolean;
}

/**
 * The finals one scan reads: whole lines in seq order while they fit `maxChars` (a single longer
 * line is cut to it), so a scan's input — and with one scan per interval, the cost per minute of
 * audio — is bounded whatever the meeting. What does not fit waits for the next scan. Null when
 * there is nothing new.
 */
export function takeBatch(
  finals: readonly FinalRow[],
  speakerNames: Readonly<Record<string, string>>,
  maxChars: number,
): ScanBatch | null {
  const segments: FinalRow[] = [];
  const lines: string[] = [];
  let size = 0;
  for (const segment of finals) {
    let line = formatLine(segments.length, segment, speakerNames);
    if (segments.length > 0 && size + line.length + 1 > maxChars) break;
    if (line.length > maxChars) line = line.slice(0, maxChars);
    segments.push(segment);
    lines.push(line);
    size += line.length + 1;
  }
  if (segments.length === 0) return null;
  return {
    segments,
    prompt: lines.join('\n'),
    lastSeq: segments.at(-1)!.seq,
    more: segments.length < finals.length,
  };
}

/** How long a scan must still wait so a session is scanned at most once per interval (0: scan now). */
export function scanDelayMs(lastScanAt: Date | null, now: Date, intervalMs: number): number {
  if (!lastScanAt) return 0;
  return Math.max(0, lastScanAt.getTime() + intervalMs - now.getTime());
}

/** How many finals one scan loads from the database: enough to fill its char budget with short lines. */
export const finalsToLoad = (maxChars: number): number =>
  Math.min(2_000, Math.max(20, Math.ceil(maxChars / 10)));
