import { Injectable } from '@nestjs/common';

/** Resolves true when every word of the session's acked audio has been transcribed and stored. */
export type AudioDrain = (sessionId: string) => Promise<boolean>;

/**
 * Lets the transcription module (which depends on sessions) take part in finalization
 * without a module cycle: before a live session is finalized, its spooled audio is drained.
 */
@Injectable()
export class FinalizeHooks {
  private readonly drains: AudioDrain[] = [];

  onDrain(drain: AudioDrain): void {
    this.drains.push(drain);
  }

  /** True when there was nothing to drain or every drain completed. */
  async drain(sessionId: string): Promise<boolean> {
    let complete = true;
    for (const drain of this.drains) complete = (await drain(sessionId)) && complete;
    return complete;
  }
}
