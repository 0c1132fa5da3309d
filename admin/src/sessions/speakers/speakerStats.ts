import type { Segment } from '../../types';

/** The diarization label a segment was recorded with (older APIs sent only `speaker`). */
export const labelOf = (s: Pick<Segment, 'speaker' | 'speakerLabel'>): string | null =>
  s.speakerLabel ?? s.speaker ?? null;

export interface SpeakerStat {
  label: string;
  /** The session's rename, else the label. */
  name: string;
  renamed: boolean;
  talkMs: number;
  /** Share of all speech time in the segments, 0..1. */
  share: number;
  segments: number;
  /** Time spans of this speaker's segments, for the waveform lane. */
  spans: [number, number][];
}

/**
 * Per speaker, in order of first appearance (the colour order): talk time from the segments'
 * own times, so it is there as soon as the transcript is, before (or without) analytics.
 */
export function speakerStats(
  segments: readonly Segment[],
  names: Record<string, string> | null | undefined,
): SpeakerStat[] {
  const by = new Map<string, SpeakerStat>();
  let total = 0;
  for (const s of segments) {
    const label = labelOf(s);
    if (!label) continue;
    const ms = Math.max(0, s.endMs - s.startMs);
    total += ms;
    let stat = by.get(label);
    if (!stat) {
      const name = names?.[label] || label;
      stat = { label, name, renamed: name !== label, talkMs: 0, share: 0, segments: 0, spans: [] };
      by.set(label, stat);
    }
    stat.talkMs += ms;
    stat.segments += 1;
    stat.spans.push([s.startMs, s.endMs]);
  }
  const stats = [...by.values()];
  for (const stat of stats) stat.share = total > 0 ? stat.talkMs / total : 0;
  return stats;
}

/** The segment playing at `ms`: the last one that started at or before it and has not ended. */
export function segmentAtTime(segments: readonly Segment[], ms: number): Segment | null {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Overlapping speech: look back a little for one that still covers `ms`.
  for (let i = found; i >= 0 && i >= found - 3; i--) {
    const s = segments[i]!;
    if (ms < s.endMs) return s;
  }
  return null;
}
