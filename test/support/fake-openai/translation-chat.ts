/*
 * The fake's answers to Mina's translation requests: not a translation, and it says so — each
 * text comes back unchanged behind a tag naming the target language (`[fr] …` in tests,
 * `[demo → fr] …` in the demo), so a test can check that every line and summary item made the
 * round trip and nothing was dropped, reordered or invented.
 */
import { transcriptLines } from './demo-chat.js';
import type { ChatRequest, FakeOpenAI } from './fake-openai.types.js';

const text = (req: ChatRequest, role: string): string => {
  const message = req.messages.find((m) => (m as { role?: string }).role === role) as
    { content?: unknown } | undefined;
  return typeof message?.content === 'string' ? message.content : '';
};

/** The language code the system prompt asks for ("… (language code fr) …"). */
export const targetLanguage = (req: ChatRequest): string =>
  /language code ([a-z-]+)/i.exec(text(req, 'system'))?.[1] ?? '??';

export function installTranslationChat(
  fake: Pick<FakeOpenAI, 'onChat'>,
  tag: (language: string) => string = (l) => `[${l}]`,
): void {
  fake.onChat('transcript_translation', (req) => {
    const t = tag(targetLanguage(req));
    return { lines: transcriptLines(req).map((l) => ({ line: l.line, text: `${t} ${l.text}` })) };
  });
  fake.onChat('summary_translation', (req) => {
    const t = tag(targetLanguage(req));
    const user = text(req, 'user');
    const summary = JSON.parse(user.slice(user.indexOf('{'))) as Record<string, string | string[]>;
    return Object.fromEntries(
      Object.entries(summary).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((x) => `${t} ${x}`) : `${t} ${v}`,
      ]),
    );
  });
}
