/* Scripted answers of the fake OpenAI chat server for the pipeline's structured outputs. */
import type { ChatRequest, FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { answerSections } from '../support/fake-openai/summary-sections.js';

export interface Line {
  line: number;
  speaker: string;
  text: string;
}

/** The `[n] mm:ss Speaker: text` lines of the request's user message. */
export function linesOf(req: ChatRequest): Line[] {
  const user = [...req.messages].reverse().find((m) => (m as { role: string }).role === 'user') as { content: string } | undefined;
  return (user?.content ?? '')
    .split('\n')
    .map((l) => /^\[(\d+)\] [\d:]+ ([^:]+): (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ line: Number(m[1]), speaker: m[2], text: m[3] }));
}

/** The scripted model's clean-up of one line. */
export const scriptedClean = (text: string) => {
  const t = text.replace(/\{[^}]*\}/g, '').replace(/\b(um+|uh+|mm+)\b[,]?\s*/gi, '').replace(/\s+([.,?!])/g, '$1').replace(/\s+/g, ' ').trim();
  return t ? t[0].toUpperCase() + t.slice(1) : t;
};

export const SCRIPTED_TASK = 'Send the remote control requirements to the team';
export const SCRIPTED_DECISION = 'The remote control will be designed by the whole team';

/** Plausible, schema-valid answers that cite the lines they were given. */
export function scriptLlm(fake: FakeOpenAI, options: { assignee: string }): void {
  fake.onChat('transcript_refinement', (req) => ({ lines: linesOf(req).map((l) => ({ line: l.line, text: scriptedClean(l.text) })) }));
  fake.onChat('action_items', (req) => {
    const first = linesOf(req)[0];
    if (!first) return { tasks: [] };
    return {
      tasks: [
        { title: SCRIPTED_TASK, description: 'Everyone needs them before the next meeting.', assignee: options.assignee, dueDate: null, dueText: 'by Friday', priority: 'high', evidence: first.text.slice(0, 80), line: first.line },
      ],
    };
  });
  const summary = (req: ChatRequest) => {
    const lines = linesOf(req);
    const first = lines[0];
    return {
      overview: 'The team kicked off the remote control project and agreed how to work together.',
      keyPoints: first ? [{ text: 'Introductions and the project brief', speaker: first.speaker, line: first.line }] : [],
      decisions: [{ text: SCRIPTED_DECISION, speaker: first?.speaker ?? null, line: first?.line ?? null }],
      risks: [{ text: 'The schedule is tight', speaker: null, line: null }],
      questions: [],
      // A templated summary: one scripted item per section the request asked for.
      ...answerSections(req, (section) => ({ text: `Scripted ${section.title}`, speaker: first?.speaker ?? null, line: first?.line ?? null })),
    };
  };
  fake.onChat('meeting_summary', summary);
  fake.onChat('meeting_summary_merge', (req) => {
    const parts = JSON.parse(((req.messages.at(-1) as { content: string }).content.split('\n').slice(1).join('\n'))) as unknown[];
    return { ...summary(req), overview: `Merged ${parts.length} parts: the team kicked off the remote control project.` };
  });
  fake.onChat('meeting_topics', () => ({ topics: ['remote control design', 'project plan'], sentiment: 0.4, sentimentLabel: 'positive' }));
}

/** How many chat requests the fake received per schema. */
export function chatCounts(fake: FakeOpenAI): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of fake.requests) if (r.route === 'chat' && r.schemaName) counts[r.schemaName] = (counts[r.schemaName] ?? 0) + 1;
  return counts;
}
