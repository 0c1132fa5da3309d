import { checkHallucination } from '../audio/hallucination.js';
import { reconcileOverlap } from '../audio/reconcile.js';
import type { AsrResult, AsrSpan } from '../asr/asr-provider.js';
import type { AudioWindow } from '../audio/audio-window.js';

export interface WindowText {
  /** Empty when the result was dropped. */
  spans: AsrSpan[];
  text: string;
  dropped?: string;
}

/**
 * What a window's ASR result contributes: the hallucination checks first (on the whole result,
 * with the window's energy), then the words the overlap with the previous window repeats are cut.
 * Span times stay relative to the window.
 */
export function windowText(
  window: Pick<AudioWindow, 'startMs' | 'endMs' | 'stats'>,
  result: AsrResult,
  previousText: string,
  overlapMs: number,
): WindowText {
  const verdict = checkHallucination({
    text: result.text,
    durationMs: window.endMs - window.startMs,
    rmsDb: window.stats.rmsDb,
    noiseFloorDb: window.stats.noiseFloorDb,
    noSpeechProb: result.noSpeechProb,
    avgLogprob: result.avgLogprob,
  });
  if (verdict.drop) return { spans: [], text: '', dropped: verdict.reason };
  const spans: AsrSpan[] = result.spans?.length
    ? result.spans.map((s) => ({ ...s }))
    : [{ text: result.text, startMs: 0, endMs: window.endMs - window.startMs }];
  if (overlapMs > 0 && previousText) {
    const first = spans[0];
    const rec = reconcileOverlap({
      previous: { text: previousText },
      next: { text: first.text, words: spans.length === 1 ? result.words : undefined },
      overlapMs,
    });
    first.text = rec.text;
  }
  const kept = spans.filter((s) => s.text.trim() !== '');
  return { spans: kept, text: kept.map((s) => s.text.trim()).join(' ') };
}
