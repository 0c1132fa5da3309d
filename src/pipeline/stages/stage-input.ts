import { Injectable } from '@nestjs/common';
import type { TranscriptSegment } from '#src/ai/fallback/transcript.js';
import type { LlmCallContext } from '#src/ai/llm/llm.client.js';
import type { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import type { SessionJobData } from '../pipeline-jobs.js';
import { PipelineRepository } from '../pipeline.repository.js';

/** What every stage reads: the session and its final segments, as said and as refined. */
export interface StageInput {
  session: TranscriptionSession;
  /** Text as transcribed: the analytics maths measures speech as spoken. */
  raw: TranscriptSegment[];
  /** Refined text where refinement produced it: what the summary and task stages read. */
  refined: TranscriptSegment[];
  speakerNames: Record<string, string>;
  /** The meeting's day; relative deadlines resolve against it. */
  meetingDate: Date;
  llm: (purpose: string) => LlmCallContext;
}

@Injectable()
export class StageInputs {
  constructor(private readonly repo: PipelineRepository) {}

  /** Null when the session is gone (deleted while processing): the stage has nothing to do. */
  async load(data: SessionJobData): Promise<StageInput | null> {
    const session = await this.repo.findSession(data.workspaceId, data.sessionId);
    if (!session) return null;
    const segments = await this.repo.segmentRows(session.id);
    const base = (s: (typeof segments)[number]) => ({ id: s.id, speaker: s.speaker ?? null, startMs: s.startMs, endMs: s.endMs, confidence: s.confidence ?? null });
    return {
      session,
      raw: segments.map((s) => ({ ...base(s), text: s.text })),
      refined: segments.map((s) => ({ ...base(s), text: s.refinedText ?? s.text })),
      speakerNames: session.speakerNames,
      meetingDate: session.meeting?.scheduledStart ?? session.startedAt ?? session.createdAt,
      llm: (purpose) => ({ workspaceId: data.workspaceId, sessionId: data.sessionId, purpose }),
    };
  }
}
