import { Injectable } from '@nestjs/common';
import type { TranscriptSegment } from '#src/ai/fallback/transcript.js';
import type { LlmCallContext } from '#src/ai/llm/llm.client.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { PipelineRepository, type SegmentRow, type StageSession } from '../pipeline.repository.js';

/** What every stage reads: the session and its final segments, as said and as refined. */
export interface StageInput {
  session: StageSession;
  /** Text as transcribed: the analytics maths measures speech as spoken. */
  raw: TranscriptSegment[];
  /** Refined text where refinement produced it: what the summary and task stages read. */
  refined: TranscriptSegment[];
  speakerNames: Record<string, string>;
  /** The meeting's day; relative deadlines resolve against it. */
  meetingDate: Date;
  llm: (purpose: string) => LlmCallContext;
}

/** The fan-out stages of one run read the same refined transcript; they usually run at once in one process. */
const FAN_OUT_READERS = 3;
const SHARE_MS = 30_000;

@Injectable()
export class StageInputs {
  private readonly shared = new Map<string, { input: Promise<StageInput | null>; readers: number; at: number }>();

  constructor(private readonly repo: PipelineRepository) {}

  /** Null when the session is gone (deleted while processing): the stage has nothing to do. */
  async load(data: SessionJobData): Promise<StageInput | null> {
    const loaded = await this.repo.stageInput(data.workspaceId, data.sessionId);
    return loaded ? toInput(data, loaded.session, loaded.segments) : null;
  }

  /**
   * For analytics, tasks and summary, which run after refinement: one read of the session serves
   * the three of them (per process and run, for at most 30 s), instead of one read each.
   */
  loadAfterRefinement(data: SessionJobData): Promise<StageInput | null> {
    const now = this.purge();
    const key = shareKey(data);
    let entry = this.shared.get(key);
    if (!entry) {
      entry = { input: this.load(data), readers: 0, at: now };
      this.shared.set(key, entry);
      // A failed read is not shared: the next stage (or attempt) reads again.
      entry.input.catch(() => this.shared.delete(key));
    }
    if (++entry.readers >= FAN_OUT_READERS) this.shared.delete(key);
    return entry.input;
  }

  /**
   * Refinement just wrote `refined` for the transcript it read: the fan-out stages of this run, when
   * they run in this process, start from that instead of reading it all back.
   */
  shareRefined(data: SessionJobData, input: StageInput, refined: ReadonlyMap<string, string>): void {
    const after = { ...input, refined: input.raw.map((s) => ({ ...s, text: refined.get(s.id) ?? s.text })) };
    this.shared.set(shareKey(data), { input: Promise.resolve(after), readers: 0, at: this.purge() });
  }

  /** Drops what no stage came for in time (they ran in another process, or failed); returns now. */
  private purge(): number {
    const now = Date.now();
    // Entries are (almost always) in the order they were made: stop at the first fresh one.
    for (const [key, entry] of this.shared) {
      if (now - entry.at <= SHARE_MS) break;
      this.shared.delete(key);
    }
    return now;
  }
}

const shareKey = (data: SessionJobData) => `${data.sessionId}:${data.run ?? 0}`;

function toInput(data: SessionJobData, session: StageSession, segments: SegmentRow[]): StageInput {
  const base = (s: SegmentRow) => ({ id: s.id, speaker: s.speaker ?? null, startMs: s.startMs, endMs: s.endMs, confidence: s.confidence ?? null });
  return {
    session,
    raw: segments.map((s) => ({ ...base(s), text: s.text })),
    refined: segments.map((s) => ({ ...base(s), text: s.refinedText ?? s.text })),
    speakerNames: session.speakerNames,
    meetingDate: session.meetingDate,
    llm: (purpose) => ({ workspaceId: data.workspaceId, sessionId: data.sessionId, purpose }),
  };
}
