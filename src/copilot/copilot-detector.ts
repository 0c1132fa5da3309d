import { Injectable, Logger } from '@nestjs/common';
import { llmOrFallback } from '#src/ai/ai-outcome.js';
import { resolveDueDate } from '#src/ai/fallback/due-date.js';
import { LlmClient } from '#src/ai/llm/llm.client.js';
import { validDate } from '#src/ai/task-extraction.service.js';
import type { ScanBatch } from './copilot-batch.js';
import { localCopilotItems, type CopilotCandidate } from './copilot-local.js';
import { COPILOT_SCHEMA, COPILOT_SYSTEM, copilotUser, type CopilotAnswer } from './copilot.prompt.js';

export interface Detection {
  items: CopilotCandidate[];
  /** The model that answered, or `local` when the rule-based fallback stood in. */
  source: string;
  /** Why the fallback ran. */
  reason?: string;
}

export interface DetectionContext {
  workspaceId: string;
  sessionId: string;
  meetingDate: Date;
  speakerNames: Readonly<Record<string, string>>;
}

export const LOCAL_SOURCE = 'local';

/** One LLM call over one batch of finals (purpose `copilot`), or the local rules when the LLM is unconfigured or down. */
@Injectable()
export class CopilotDetector {
  private readonly logger = new Logger(CopilotDetector.name);

  constructor(private readonly llm: LlmClient) {}

  async detect(batch: ScanBatch, ctx: DetectionContext): Promise<Detection> {
    const outcome = await llmOrFallback(
      this.llm,
      this.logger,
      'live copilot',
      async () => {
        const answer = await this.llm.structured<CopilotAnswer>(
          {
            schemaName: 'copilot_items',
            schema: COPILOT_SCHEMA,
            system: COPILOT_SYSTEM,
            user: copilotUser(batch.prompt, ctx.meetingDate.toISOString().slice(0, 10)),
          },
          { workspaceId: ctx.workspaceId, sessionId: ctx.sessionId, purpose: 'copilot' },
        );
        const items = answer.value.items
          .filter((i) => i.text.trim())
          .map((i): CopilotCandidate => ({
            kind: i.kind,
            text: i.text.trim().slice(0, 1_000),
            owner: i.owner?.trim().slice(0, 200) || null,
            // Spoken deadline words resolve deterministically; the model's own date is the second choice.
            due:
              (i.dueText ? resolveDueDate(i.dueText, ctx.meetingDate)?.date : undefined) ??
              validDate(i.dueDate),
            startMs: batch.segments[i.line]?.startMs ?? batch.segments[0].startMs,
          }));
        return { value: items, model: answer.model, provider: answer.provider };
      },
      () => localCopilotItems(batch.segments, ctx.meetingDate, ctx.speakerNames),
    );
    return {
      items: outcome.value,
      // The contract's `source`: the provider that found the items (its name), or 'local'.
      source: outcome.fallbackUsed ? LOCAL_SOURCE : (outcome.provider ?? outcome.model ?? 'llm'),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    };
  }
}
