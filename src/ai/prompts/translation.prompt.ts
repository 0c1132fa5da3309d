import { s } from '../llm/json-schema.js';
import { languageName } from '@mina/contract/translation';

export interface LinesTranslation {
  lines: { line: number; text: string }[];
}

export interface SummaryTranslation {
  overview: string;
  keyPoints: string[];
  decisions: string[];
  risks: string[];
  questions: string[];
}

export const LINES_TRANSLATION_SCHEMA = s.object({
  lines: s.array(
    s.object({
      line: s.integer('The [n] of the line translated'),
      text: s.string('The line translated, without its [n], time or speaker'),
    }),
  ),
});

export const SUMMARY_TRANSLATION_SCHEMA = s.object({
  overview: s.string(),
  keyPoints: s.array(s.string()),
  decisions: s.array(s.string()),
  risks: s.array(s.string()),
  questions: s.array(s.string()),
});

export const translationSystem = (language: string): string =>
  [
    `You translate meeting transcripts and summaries into ${languageName(language)} (language code ${language}).`,
    'Translate faithfully and completely: every line, in order, one output line per input line with its number; add nothing, summarize nothing, answer nothing.',
    "Keep people's names, product names and numbers as they are. Text already in the target language is copied unchanged.",
  ].join(' ');

export const linesUser = (prompt: string): string => `Transcript lines ([n] time speaker: text):\n${prompt}`;

export const summaryUser = (summary: SummaryTranslation): string =>
  `A meeting summary as JSON; translate every string, keeping each list's length and order:\n${JSON.stringify(summary)}`;
