/*
 * The fake's chat answers in demo mode. They are not a model and never pretend to be one: every
 * answer is built deterministically from the transcript lines in the request (the pipeline's
 * `[n] mm:ss Speaker: text` format) and every text a person reads says it is demo output of the
 * bundled fake. Point Mina at a real OpenAI-compatible server for real summaries (docs/local-ai.md).
 */
import type { ChatRequest, FakeOpenAI } from './fake-openai.types.js';
import { answerSections, requestedSections } from './summary-sections.js';

export const DEMO_LABEL = 'Demo output of the bundled fake AI (no model; built from the transcript)';
const TAG = '[demo]';

interface Line {
  line: number;
  speaker: string;
  text: string;
}

interface SummaryItem {
  text: string;
  speaker: string | null;
  line: number | null;
}

function userText(req: ChatRequest): string {
  const user = [...req.messages].reverse().find((m) => (m as { role?: string }).role === 'user') as
    { content?: unknown } | undefined;
  const content = user?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? '').join('\n');
  return '';
}

export function transcriptLines(req: ChatRequest): Line[] {
  return userText(req)
    .split('\n')
    .map((l) => /^\[(\d+)\] [\d:]+ ([^:]+): (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ line: Number(m[1]), speaker: m[2].trim(), text: m[3].trim() }));
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const quote = (text: string, max = 12) => {
  const w = words(text);
  return w.length > max ? `${w.slice(0, max).join(' ')} …` : w.join(' ');
};

const COMMITMENT = /\b(I'll|I will|we'll|we will|we need to|we have to|you have to|should|going to|gonna)\b/i;
const DECISION = /\b(decide[ds]?|agree[ds]?|let's|we'll go with)\b/i;
const RISK = /\b(problem|risk|worr(y|ied)|difficult|tight|not sure)\b/i;

/** Lines worth citing: at least five words, so "Mm-hmm." never becomes a point. */
const substantial = (lines: Line[]) => lines.filter((l) => words(l.text).length >= 5);

function bySpeaker(lines: Line[]): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  for (const l of lines) out.set(l.speaker, [...(out.get(l.speaker) ?? []), l]);
  return out;
}

function pick(lines: Line[], re: RegExp, max: number): SummaryItem[] {
  return substantial(lines)
    .filter((l) => re.test(l.text))
    .slice(0, max)
    .map((l) => ({ text: `${TAG} ${l.speaker} said: "${quote(l.text)}"`, speaker: l.speaker, line: l.line }));
}

function summary(lines: Line[]) {
  const speakers = bySpeaker(lines);
  const ranked = [...speakers].sort((a, b) => b[1].length - a[1].length);
  const overview = lines.length
    ? `${DEMO_LABEL}. These ${lines.length} transcript lines are from ${speakers.size} speaker${speakers.size === 1 ? '' : 's'} (${ranked.map(([s]) => s).join(', ')}); ${ranked[0][0]} speaks most. It opens with ${lines[0].speaker}: "${quote(lines[0].text)}"`
    : `${DEMO_LABEL}. The transcript is empty.`;
  return {
    overview,
    keyPoints: ranked.slice(0, 4).flatMap(([speaker, own]) => {
      const first = substantial(own)[0] ?? own[0];
      return first
        ? [{ text: `${TAG} First point of ${speaker}: "${quote(first.text)}"`, speaker, line: first.line }]
        : [];
    }),
    decisions: pick(lines, DECISION, 3),
    risks: pick(lines, RISK, 3),
    questions: substantial(lines)
      .filter((l) => l.text.trimEnd().endsWith('?'))
      .slice(0, 3)
      .map((l) => ({
        text: `${TAG} ${l.speaker} asked: "${quote(l.text, 16)}"`,
        speaker: l.speaker,
        line: l.line,
      })),
  };
}

function tasks(lines: Line[]) {
  return {
    tasks: substantial(lines)
      .filter((l) => COMMITMENT.test(l.text))
      .slice(0, 3)
      .map((l) => ({
        title: `${TAG} Follow up on what ${l.speaker} said at line ${l.line}`,
        description: `${DEMO_LABEL}: line ${l.line} contains a commitment word, so it became a demo task.`,
        assignee: l.speaker,
        dueDate: null,
        dueText: null,
        priority: 'medium',
        evidence: quote(l.text, 20).replace(/ …$/, ''),
        line: l.line,
      })),
  };
}

/** The copilot's provisional items: lines with a commitment, decision or risk word, or a question; never an owner it would have to guess. */
function copilotItems(lines: Line[]) {
  const kindOf = (text: string): string | null => {
    if (COMMITMENT.test(text)) return 'action_item';
    if (DECISION.test(text)) return 'decision';
    if (RISK.test(text)) return 'risk';
    return text.trimEnd().endsWith('?') ? 'question' : null;
  };
  return {
    items: substantial(lines).flatMap((l) => {
      const kind = kindOf(l.text);
      return kind
        ? [
            {
              kind,
              text: `${TAG} ${l.speaker}: "${quote(l.text, 16)}"`,
              owner: null,
              dueDate: null,
              dueText: null,
              line: l.line,
            },
          ]
        : [];
    }),
  };
}

const STOPWORDS = new Set(
  "a about again all also am an and any are as at be because been but by can could did do does don't for from get go going gonna got had has have he her here him his how i i'm if in into is it it's just kind know let's like me mm-hmm more my no not now of oh okay on one or our out really right said say see she so some that that's the their them then there these they thing things think this those to uh um up us very want was we we're well were what when which who will with would yeah yes you your".split(
    ' ',
  ),
);

function topics(lines: Line[]) {
  const counts = new Map<string, number>();
  for (const l of lines)
    for (const w of words(l.text.toLowerCase().replace(/[^\p{L}\p{N}'\s-]/gu, ' ')))
      if (w.length > 3 && !STOPWORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
  return {
    topics: ['demo output (no model)', ...top.map(([w]) => w)],
    sentiment: 0,
    sentimentLabel: 'neutral',
  };
}

/** Registers the demo answers for every structured output Mina asks for, and for plain chat. */
export function installDemoChat(fake: Pick<FakeOpenAI, 'onChat'>): void {
  // The demo does not clean transcripts: it hands every line back unchanged rather than invent edits.
  fake.onChat('transcript_refinement', (req) => ({
    lines: transcriptLines(req).map((l) => ({ line: l.line, text: l.text })),
  }));
  fake.onChat('action_items', (req) => tasks(transcriptLines(req)));
  fake.onChat('meeting_summary', (req) => {
    const lines = transcriptLines(req);
    const first = substantial(lines)[0] ?? lines[0];
    return {
      ...summary(lines),
      ...answerSections(req, (section) => ({
        text: `${TAG} ${section.title}: demo text, not a model's reading of the meeting`,
        speaker: first?.speaker ?? null,
        line: first?.line ?? null,
      })),
    };
  });
  fake.onChat('meeting_summary_merge', (req) => {
    const parts = (() => {
      try {
        return JSON.parse(userText(req).split('\n').slice(1).join('\n')) as ReturnType<typeof summary>[];
      } catch {
        return [];
      }
    })();
    const all = <K extends 'keyPoints' | 'decisions' | 'risks' | 'questions'>(k: K) =>
      parts.flatMap((p) => p[k] ?? []).slice(0, 6);
    const sections = parts.flatMap((p) =>
      Object.entries((p as { sections?: Record<string, unknown[]> }).sections ?? {}),
    );
    return {
      ...(requestedSections(req).length > 0
        ? {
            sections: Object.fromEntries(
              requestedSections(req).map(({ key }) => [
                key,
                sections
                  .filter(([k]) => k === key)
                  .flatMap(([, items]) => items)
                  .slice(0, 6),
              ]),
            ),
          }
        : {}),
      overview:
        `${DEMO_LABEL}. ${parts.length} partial demo summaries, joined in meeting order. ${parts[0]?.overview.replace(`${DEMO_LABEL}. `, '') ?? ''}`.trim(),
      keyPoints: all('keyPoints'),
      decisions: all('decisions'),
      risks: all('risks'),
      questions: all('questions'),
    };
  });
  fake.onChat('meeting_topics', (req) => topics(transcriptLines(req)));
  fake.onChat('copilot_items', (req) => copilotItems(transcriptLines(req)));
  // Anything else: plain text that says what it is. A structured request the demo has no answer for
  // gets that text too — not JSON, so Mina's local fallback stands in, labelled — rather than the
  // placeholder instance the fake would make up for its schema ("text", "owner" shown as findings).
  fake.onChat((req) =>
    req.schema
      ? `${DEMO_LABEL}: no demo answer for ${req.schemaName ?? 'this request'}`
      : `${DEMO_LABEL}. You asked: "${quote(userText(req), 30)}"`,
  );
}
