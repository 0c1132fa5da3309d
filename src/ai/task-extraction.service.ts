import { Inject, Injectable, Logger } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { llmOrFallback, providersOf, type AiOutcome } from './ai-outcome.js';
import { matchAssignee, type Member } from './assignee-match.js';
import { dedupeActionItems } from './fallback/dedupe-action-items.js';
import { resolveDueDate } from './fallback/due-date.js';
import { localInsights } from './fallback/local-insights.js';
import type { TaskPriority } from './fallback/priority.js';
import type { TranscriptSegment } from './fallback/transcript.js';
import { LlmClient, type LlmCallContext } from './llm/llm.client.js';
import { TASKS_SCHEMA, TASKS_SYSTEM, tasksUser, type TaskAnswer } from './prompts/tasks.prompt.js';
import { chunkTranscript } from './transcript-chunks.js';

export interface ExtractedTask {
  title: string;
  description: string;
  /** The owner as the meeting named them (kept when no member matched). */
  assigneeName: string | null;
  assigneeUserId: string | null;
  /** yyyy-mm-dd */
  dueDate: string | null;
  priority: TaskPriority;
  evidence: string;
  sourceStartMs: number;
}

export interface TaskExtractionInput {
  meetingDate: Date;
  speakerNames: Readonly<Record<string, string>>;
  members: readonly Member[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A real yyyy-mm-dd calendar date, or null. */
export function validDate(value: string | null): string | null {
  if (!value || !ISO_DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : value;
}

@Injectable()
export class TaskExtractionService {
  private readonly logger = new Logger(TaskExtractionService.name);
  private readonly chunkChars: number;

  constructor(
    private readonly llm: LlmClient,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.chunkChars = pipelineSettings(config).chunkChars;
  }

  async extract(segments: readonly TranscriptSegment[], input: TaskExtractionInput, context: LlmCallContext): Promise<AiOutcome<ExtractedTask[]>> {
    if (segments.length === 0) return { value: [], fallbackUsed: false, model: null, provider: null };
    const owner = (name: string | null) => {
      const member = matchAssignee(name, input.members, input.speakerNames);
      return { assigneeName: member?.name ?? name?.trim() ?? null, assigneeUserId: member?.userId ?? null };
    };
    return llmOrFallback(
      this.llm,
      this.logger,
      'task extraction',
      async () => {
        const chunks = chunkTranscript(segments, input.speakerNames, this.chunkChars);
        const promptContext = {
          meetingDate: input.meetingDate.toISOString().slice(0, 10),
          weekday: WEEKDAYS[input.meetingDate.getUTCDay()],
          members: input.members.map((m) => m.name),
          speakers: [...new Set(segments.map((seg) => seg.speaker).filter((x): x is string => !!x).map((l) => input.speakerNames[l] ?? l))],
        };
        const answers = await Promise.all(
          chunks.map((chunk) =>
            this.llm.structured<TaskAnswer>({ schemaName: 'action_items', schema: TASKS_SCHEMA, system: TASKS_SYSTEM, user: tasksUser(chunk, promptContext) }, context),
          ),
        );
        const items = answers.flatMap((a) => a.value.tasks).filter((t) => t.title.trim());
        const tasks = items.map((t): ExtractedTask => ({
          title: t.title.trim().slice(0, 500),
          description: t.description.trim(),
          ...owner(t.assignee),
          // Spoken deadline words resolve deterministically; the model's own date is the second choice.
          dueDate: (t.dueText ? resolveDueDate(t.dueText, input.meetingDate)?.date : undefined) ?? validDate(t.dueDate),
          priority: t.priority,
          evidence: t.evidence.trim(),
          sourceStartMs: segments[t.line]?.startMs ?? segments[0].startMs,
        }));
        return { value: dedupeActionItems(tasks), model: answers[0].model, provider: providersOf(answers) };
      },
      () =>
        localInsights(segments, { meetingDate: input.meetingDate, speakerNames: input.speakerNames }).tasks.map((t) => ({
          title: t.title.slice(0, 500),
          description: t.description,
          ...owner(t.assigneeName),
          dueDate: t.dueDate,
          priority: t.priority,
          evidence: t.evidence,
          sourceStartMs: t.sourceStartMs,
        })),
    );
  }
}
