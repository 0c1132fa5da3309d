import { TASK_PRIORITIES } from '#src/tasks/entities/task.entity.js';
import { s } from '../llm/json-schema.js';
import type { TranscriptChunk } from '../transcript-chunks.js';

export interface TaskAnswer {
  tasks: {
    title: string;
    description: string;
    assignee: string | null;
    dueDate: string | null;
    dueText: string | null;
    priority: (typeof TASK_PRIORITIES)[number];
    evidence: string;
    line: number;
  }[];
}

export const TASKS_SCHEMA = s.object({
  tasks: s.array(
    s.object({
      title: s.string('Imperative, at most 12 words'),
      description: s.string('One or two sentences of context'),
      assignee: s.nullableString('The person who owns it, as named in the meeting or the member list; null if nobody'),
      dueDate: s.nullableString('yyyy-mm-dd, resolved against the meeting date; null if none was said'),
      dueText: s.nullableString('The deadline words exactly as spoken, e.g. "by Friday"; null if none'),
      priority: s.enum(TASK_PRIORITIES),
      evidence: s.string('A short verbatim quote from the transcript that commits to the task'),
      line: s.integer('The [n] of the line the quote comes from'),
    }),
  ),
});

export const TASKS_SYSTEM = [
  'You extract action items from meeting transcripts: concrete things someone committed to or was asked to do after the meeting.',
  'Skip ideas, opinions and things already done. Do not invent owners or deadlines.',
].join(' ');

export interface TasksPromptContext {
  meetingDate: string;
  weekday: string;
  members: string[];
  speakers: string[];
}

export const tasksUser = (chunk: TranscriptChunk, ctx: TasksPromptContext): string =>
  [
    `Meeting date: ${ctx.meetingDate} (${ctx.weekday}).`,
    `Workspace members: ${ctx.members.join(', ') || 'unknown'}.`,
    `Speakers: ${ctx.speakers.join(', ') || 'unknown'}.`,
    'Transcript lines:',
    chunk.prompt,
  ].join('\n');
