/*
 * Ask Mina's requests (a text completion whose system prompt speaks of "numbered passages"),
 * answered like a model that answers from the passages: it quotes the passage sentences sharing
 * the most content words with the question and cites each with the number of the passage it
 * came from — never a passage it did not use. Nothing shares a word → it says the passages do
 * not answer. Tests script other behaviour with `fake.onChat(ASK_CHAT, handler)`.
 */
import type { ChatRequest } from './fake-openai.types.js';

/** The handler key of Ask requests (they carry no schema name). */
export const ASK_CHAT = 'ask';
export const ASK_NO_ANSWER = 'The passages do not answer this question.';

const STOP = new Set(
  `a about after all also am an and any are as at be been but by can could did do does for from had has have he her his how i if in
  into is it its just me my no not of on or our she so than that the their them then there these they this to too up us was we were
  what when where which who whom why will with would you your yeah okay um uh well like so really gonna kind sort thing things`.split(
    /\s+/,
  ),
);

const terms = (text: string): Set<string> =>
  new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.replace(/s$/, '')),
  );

export const isAskRequest = (req: ChatRequest): boolean =>
  !req.schema &&
  req.messages.some(
    (m) =>
      (m as { role?: string; content?: unknown }).role === 'system' &&
      String((m as { content?: unknown }).content).includes('numbered passages'),
  );

export interface AskPassage {
  n: number;
  lines: { speaker: string | null; text: string }[];
}

/** The numbered passages and the question of the request's last user message. */
export function parseAskPrompt(req: ChatRequest): { passages: AskPassage[]; question: string } {
  const user = [...req.messages].reverse().find((m) => (m as { role?: string }).role === 'user') as
    { content?: string } | undefined;
  const content = user?.content ?? '';
  const question = /\nQuestion: ([\s\S]*)$/.exec(content)?.[1].trim() ?? '';
  const passages: AskPassage[] = [];
  for (const line of content.split('\n')) {
    const header = /^\[(\d+)\] /.exec(line);
    if (header) passages.push({ n: Number(header[1]), lines: [] });
    else if (line.startsWith('Question: ')) break;
    else if (line.trim() && passages.length) {
      const spoken = /^([^:]{1,100}): (.*)$/.exec(line);
      passages
        .at(-1)!
        .lines.push(spoken ? { speaker: spoken[1], text: spoken[2] } : { speaker: null, text: line });
    }
  }
  return { passages, question };
}

export function answerFromPassages(req: ChatRequest): string {
  const { passages, question } = parseAskPrompt(req);
  const wanted = terms(question);
  const candidates = passages.flatMap((p) =>
    p.lines.flatMap((l) =>
      (l.text.replace(/\{[^}]*\}/g, ' ').match(/[^.!?]+[.!?]*/g) ?? [])
        .map((s) => s.replace(/\s+/g, ' ').trim())
        .filter((s) => s.split(' ').length >= 3)
        .map((s) => ({
          n: p.n,
          speaker: l.speaker,
          sentence: s,
          overlap: [...terms(s)].filter((t) => wanted.has(t)).length,
        })),
    ),
  );
  const best = candidates
    .filter((c) => c.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.n - b.n)
    .slice(0, 2);
  if (best.length === 0) return ASK_NO_ANSWER;
  return best
    .map((c) => `${c.speaker ?? 'Someone'} said: "${c.sentence.replace(/[.!?]+$/, '')}" [${c.n}].`)
    .join(' ');
}
