import { s } from '../llm/json-schema.js';
import type { TranscriptChunk } from '../transcript-chunks.js';

export const SENTIMENTS = ['positive', 'neutral', 'negative', 'mixed'] as const;

export interface TopicsAnswer {
  topics: string[];
  sentiment: number;
  sentimentLabel: (typeof SENTIMENTS)[number];
}

export const TOPICS_SCHEMA = s.object({
  topics: s.array(s.string('A topic in two to four words'), 'The main topics, most discussed first, at most eight'),
  sentiment: s.number('Overall tone from -1 (hostile) through 0 (neutral) to 1 (enthusiastic)'),
  sentimentLabel: s.enum(SENTIMENTS),
});

export const TOPICS_SYSTEM = 'You label meeting transcripts with their main topics and overall sentiment.';

export const topicsUser = (chunk: TranscriptChunk): string => `Transcript lines:\n${chunk.prompt}`;
