import { Injectable, Logger } from '@nestjs/common';

/** Told that a live session has new final segments persisted; must return at once (enqueue, never analyse). */
export type FinalsListener = (sessionId: string) => Promise<void>;

/**
 * Lets other modules follow a live transcript (the copilot schedules its scans here) without the
 * session processor knowing them: transcription owns the port, the followers register. A listener
 * runs off the processor's path: its promise is not awaited and its failure only logged.
 */
@Injectable()
export class FinalsListeners {
  private readonly logger = new Logger(FinalsListeners.name);
  private readonly listeners: FinalsListener[] = [];

  register(listener: FinalsListener): void {
    this.listeners.push(listener);
  }

  notify(sessionId: string): void {
    for (const listener of this.listeners) {
      listener(sessionId).catch((error: Error) =>
        this.logger.warn(`session ${sessionId}: a finals listener failed: ${error.message}`),
      );
    }
  }
}
