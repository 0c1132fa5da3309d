import { s, type JsonSchema } from '../llm/json-schema.js';
import type { TranscriptChunk } from '../transcript-chunks.js';
import { languageName } from '@mina/contract/translation';

export interface SummaryAnswerItem {
  text: string;
  speaker: string | null;
  line: number | null;
}

export interface SummaryAnswer {
  overview: string;
  keyPoints: SummaryAnswerItem[];
  decisions: SummaryAnswerItem[];
  risks: SummaryAnswerItem[];
  questions: SummaryAnswerItem[];
}

const item = s.object({
  text: s.string(),
  speaker: s.nullableString('Who said or owns it, by display name'),
  line: s.nullableInteger('The [n] of the supporting line'),
});

const sections = (overview: string): JsonSchema =>
  s.object({
    overview: s.string(overview),
    keyPoints: s.array(item),
    decisions: s.array(item, 'What the meeting decided'),
    risks: s.array(item, 'Risks, concerns, blockers raised'),
    questions: s.array(item, 'Questions left open at the end'),
  });

export const SUMMARY_SCHEMA = sections('Three to five sentences: purpose, what happened, outcome; name who drove what');
export const SUMMARY_MERGE_SCHEMA = sections('Three to five sentences covering the whole meeting');

export const SUMMARY_SYSTEM = [
  'You write meeting summaries from transcripts. Be factual and speaker-aware: attribute points, decisions',
  'and risks to the people who raised them. Only include what the transcript supports; cite lines.',
].join(' ');

export const SUMMARY_MERGE_SYSTEM = [
  'You merge partial summaries of consecutive parts of one meeting into one summary.',
  'Remove duplicates, keep attributions and line numbers, keep only questions that stayed open.',
].join(' ');

export const summaryUser = (chunk: TranscriptChunk, part: { index: number; of: number }): string =>
  `${part.of > 1 ? `Part ${part.index + 1} of ${part.of} of the meeting.\n` : ''}Transcript lines:\n${chunk.prompt}`;

export const summaryMergeUser = (parts: SummaryAnswer[]): string => `Partial summaries, in meeting order:\n${JSON.stringify(parts)}`;

/** The system prompt, asking for the workspace's summary language when it has one (names and quotes stay as said). */
export const summarySystem = (base: string, language: string | null | undefined): string =>
  language ? `${base} Write every text field in ${languageName(language)} (language code ${language}), whatever language the transcript is in; keep people's names as they are.` : base;
