import type { CopilotKind } from '@mina/contract/copilot';
import { extractActionItems } from '#src/ai/fallback/action-items.js';
import { refineSegments } from '#src/ai/fallback/clean-text.js';
import { extractDecisions } from '#src/ai/fallback/decisions.js';
import { splitSentences } from '#src/ai/fallback/sentences.js';
import type { TranscriptSegment } from '#src/ai/fallback/transcript.js';
import type { SummaryItem } from '#src/ai/fallback/summary-item.js';

/** An item a scan found, before it is deduplicated and stored. */
export interface CopilotCandidate {
  kind: CopilotKind;
  text: string;
  owner: string | null;
  /** yyyy-mm-dd */
  due: string | null;
  startMs: number;
}

/**
 * The rule-based copilot, for when no LLM answers: the local fallback's action-item, decision,
 * risk and open-question rules over the scan's lines. Pure and deterministic.
 */
export function localCopilotItems(
  segments: readonly TranscriptSegment[],
  meetingDate: Date,
  speakerNames: Readonly<Record<string, string>>,
): CopilotCandidate[] {
  if (segments.length === 0) return [];
  const sentences = splitSentences(refineSegments(segments), speakerNames);
  const at = (item: SummaryItem) => item.atMs ?? segments[0].startMs;
  const line =
    (kind: CopilotKind) =>
    (item: SummaryItem): CopilotCandidate => ({
      kind,
      text: item.text,
      owner: null,
      due: null,
      startMs: at(item),
    });
  const { decisions, risks, questions } = extractDecisions(sentences);
  return [
    ...extractActionItems(sentences, { meetingDate, speakerNames }).map((a): CopilotCandidate => ({
      kind: 'action_item',
      text: a.title,
      owner: a.assigneeName,
      due: a.dueDate,
      startMs: a.sourceStartMs,
    })),
    ...decisions.map(line('decision')),
    ...questions.map(line('question')),
    ...risks.map(line('risk')),
  ].sort((a, b) => a.startMs - b.startMs);
}
