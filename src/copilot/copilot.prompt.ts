import { COPILOT_KINDS, type CopilotKind } from '@mina/contract/copilot';
import { s } from '#src/ai/llm/json-schema.js';

export interface CopilotAnswer {
  items: {
    kind: CopilotKind;
    text: string;
    owner: string | null;
    dueDate: string | null;
    dueText: string | null;
    line: number;
  }[];
}

export const COPILOT_SCHEMA = s.object({
  items: s.array(
    s.object({
      kind: s.enum(
        COPILOT_KINDS,
        'action_item: someone committed or was asked to do something; decision: the group settled something; question: an open question nobody answered; risk: a concern, blocker or threat',
      ),
      text: s.string('The item in one short sentence, at most 20 words, in the words of the meeting'),
      owner: s.nullableString(
        'Who owns an action item, as named in the meeting; null if nobody or not an action item',
      ),
      dueDate: s.nullableString(
        'yyyy-mm-dd, resolved against the meeting date; null if no deadline was said',
      ),
      dueText: s.nullableString('The deadline words exactly as spoken, e.g. "by Friday"; null if none'),
      line: s.integer('The [n] of the line it was said in'),
    }),
  ),
});

export const COPILOT_SYSTEM = [
  'You follow a meeting while it happens and note, from the newest lines of its transcript, the action items, decisions, open questions and risks they contain.',
  'Only what the lines say; skip small talk, greetings and anything uncertain. Do not invent owners or deadlines. An empty list is a good answer.',
].join(' ');

export const copilotUser = (prompt: string, meetingDate: string): string =>
  [`Meeting date: ${meetingDate}.`, 'Newest transcript lines:', prompt].join('\n');
