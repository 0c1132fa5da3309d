import type { TextRequest } from '#src/ai/llm/llm.client.js';
import type { RetrievedPassage } from '../retrieval/passages.js';
import { withoutMarkers } from './citations.js';

export interface PreviousTurn {
  question: string;
  answer: string;
}

/** Roughly four characters a token: the model's answer is bounded near the kept answer's size. */
const CHARS_PER_TOKEN = 4;

/** The fake OpenAI server recognises Ask requests by "numbered passages" in this prompt. */
export const askSystemPrompt = (maxWords: number): string =>
  [
    'You answer questions about meetings using only the numbered passages of their transcripts that come with the question.',
    'State only what the passages say: no outside knowledge, no guesses.',
    'End every sentence that states a fact with the numbers of the passages it rests on, like [2] or [1][3].',
    'If the passages do not answer the question, say so in one sentence without numbers.',
    `Be brief: at most ${maxWords} words, in the language of the question.`,
  ].join(' ');

const clock = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return s >= 3600
    ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`
    : `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
};

/**
 * The conversation so far (answers without their markers, which numbered other passages), then
 * the passages, numbered from 1, and the question.
 */
export function askRequest(
  question: string,
  passages: readonly RetrievedPassage[],
  history: readonly PreviousTurn[],
  maxAnswerChars: number,
): TextRequest {
  const numbered = passages
    .map((p, i) => `[${i + 1}] (${clock(p.startMs)}–${clock(p.endMs)})\n${p.text}`)
    .join('\n\n');
  return {
    system: askSystemPrompt(Math.round(maxAnswerChars / 6)),
    messages: [
      ...history.flatMap((t) => [
        { role: 'user' as const, content: t.question },
        { role: 'assistant' as const, content: withoutMarkers(t.answer) },
      ]),
      { role: 'user', content: `Passages:\n${numbered}\n\nQuestion: ${question}` },
    ],
    maxTokens: Math.ceil(maxAnswerChars / CHARS_PER_TOKEN),
  };
}
