import type { Insights, SummaryItem, Task } from '../../types';
import type { SpeakerStat } from './speakerStats';

/** One speaker's row of `analytics.details.speakers` (src/analytics/compute/compute-analytics.ts). */
export interface SpeakerMeasures {
  words?: number;
  turns?: number;
  wordsPerMinute?: number;
  questions?: number;
  /** -1..1, the local lexicon's score of this speaker's own words. */
  sentiment?: number;
  /** Absent in analytics computed before per-speaker topics existed. */
  topics?: string[];
}

export type SummaryKind = 'keyPoints' | 'decisions' | 'risks' | 'questions';
export const SUMMARY_KINDS: readonly SummaryKind[] = ['keyPoints', 'decisions', 'risks', 'questions'];

export interface SpeakerInsight {
  measures: SpeakerMeasures | null;
  tasks: Task[];
  summary: { kind: SummaryKind; item: SummaryItem }[];
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLocaleLowerCase();

/**
 * What the insights payload says about one speaker. Analytics, tasks and summary name speakers as
 * the pipeline saw them (the label, or the name it had then); the server maps current renames on
 * read, so the label and the current name are the two spellings to match.
 */
export function speakerInsight(insights: Insights | undefined, speaker: SpeakerStat): SpeakerInsight {
  const keys = new Set([norm(speaker.label), norm(speaker.name)]);
  const mine = (name: string | null | undefined) => keys.has(norm(name));
  const rows = (insights?.analytics?.details as { speakers?: unknown } | null | undefined)?.speakers;
  const row = Array.isArray(rows)
    ? (rows as ({ speaker?: string; label?: string } & SpeakerMeasures)[]).find(
        (r) => mine(r.label) || mine(r.speaker),
      )
    : undefined;
  const summary = insights?.summary;
  return {
    measures: row ?? null,
    tasks: (insights?.tasks ?? []).filter((t) => mine(t.assigneeName)),
    summary: summary
      ? SUMMARY_KINDS.flatMap((kind) =>
          (summary[kind] ?? [])
            .filter(
              (item): item is SummaryItem => typeof item === 'object' && item !== null && mine(item.speaker),
            )
            .map((item) => ({ kind, item })),
        )
      : [],
  };
}
