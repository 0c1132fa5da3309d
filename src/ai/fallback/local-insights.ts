import { extractActionItems, type ActionItem } from './action-items.js';
import { refineSegments } from './clean-text.js';
import { extractDecisions } from './decisions.js';
import { extractiveSummary } from './extractive-summary.js';
import { extractTopics } from './keywords.js';
import { splitSentences } from './sentences.js';
import type { SummaryItem } from './summary-item.js';
import type { TranscriptSegment } from './transcript.js';

export interface LocalInsightsOptions {
  /** The meeting's calendar day; relative deadlines ("Friday", "next week") resolve against it. */
  meetingDate: Date;
  /** Diarization label → display name; the names appear in the summary and as task owners. */
  speakerNames?: Readonly<Record<string, string>>;
}

export interface LocalSummary {
  overview: string;
  keyPoints: SummaryItem[];
  decisions: SummaryItem[];
  risks: SummaryItem[];
  questions: SummaryItem[];
}

export interface LocalInsights {
  refined: Array<{ id: string; text: string }>;
  summary: LocalSummary;
  tasks: ActionItem[];
  topics: string[];
  fallbackUsed: true;
}

/**
 * Everything the LLM stages would produce, computed locally: used when the LLM is not configured,
 * failing, or behind an open breaker. Pure and deterministic; no network, no model weights.
 */
export function localInsights(
  segments: readonly TranscriptSegment[],
  options: LocalInsightsOptions,
): LocalInsights {
  const speakerNames = options.speakerNames ?? {};
  const refined = refineSegments(segments);
  const sentences = splitSentences(refined, speakerNames);
  const participants = [...new Set(sentences.map((s) => s.speaker).filter((x): x is string => x !== null))];
  const topics = extractTopics(
    refined.map((s) => s.text),
    { exclude: [...participants, ...Object.keys(speakerNames)] },
  );
  const { overview, keyPoints } = extractiveSummary(sentences, { topics });
  const { decisions, risks, questions } = extractDecisions(sentences);
  return {
    refined: refined.map(({ id, text }) => ({ id, text })),
    summary: { overview, keyPoints, decisions, risks, questions },
    tasks: extractActionItems(sentences, { meetingDate: options.meetingDate, speakerNames }),
    topics,
    fallbackUsed: true,
  };
}
