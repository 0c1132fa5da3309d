import { s } from '../llm/json-schema.js';
import type { TranscriptChunk } from '../transcript-chunks.js';

export interface RefinementAnswer {
  lines: { line: number; text: string }[];
}

export const REFINEMENT_SCHEMA = s.object({
  lines: s.array(s.object({ line: s.integer('The [n] of the input line'), text: s.string('The cleaned text of that line') })),
});

export const REFINEMENT_SYSTEM = [
  'You clean up automatic meeting transcripts.',
  'For every input line return its number and cleaned text: fix punctuation and casing, drop filler words',
  '(um, uh, you know, like as filler), false starts and transcription markup such as {vocalsound}.',
  'Never change meaning, never merge or split lines, never add content. Keep every line, in order.',
].join(' ');

export const refinementUser = (chunk: TranscriptChunk): string => `Transcript lines:\n${chunk.prompt}`;

/** The workspace vocabulary, said after the instructions: how its names, products and jargon are spelled. */
export const vocabularyInstruction = (vocabulary: readonly string[]): string =>
  vocabulary.length === 0
    ? ''
    : ` These terms are spelled so; where a word was misheard as one of them, write the term: ${vocabulary.map((t) => JSON.stringify(t)).join(', ')}.`;
