import type { Logger } from '@nestjs/common';
import { backoffDelay, sleep } from '#src/resilience/retry.js';
import { encodePcm16 } from '../audio/pcm.js';
import type { LiveAudioArchive } from './live-audio-archive.js';

/** A disk or object store that is down is retried patiently, and never by all sessions in step. */
const BACKOFF = { baseMs: 500, maxMs: 30_000 };

interface SealedPart {
  start: number;
  pcm: Buffer;
}

/**
 * The 16 kHz audio one processor feeds its windower, archived in parts of `archive.partSamples`.
 * Writes run in the background, one at a time and in order, each retried until it is stored or
 * the processor stops; `archivedEnd` is the sample before which everything is durably archived,
 * and the spool is never trimmed past it. A processor that stops drops what it had not stored:
 * that audio is still in the spool, and the next owner archives it again from its replay point.
 */
export class AudioParts {
  /** Encoded pieces of the part being filled, and how many samples they hold. */
  private pieces: Buffer[] = [];
  private filled = 0;
  private start: number;
  private readonly sealed: SealedPart[] = [];
  private writing: Promise<void> | undefined;
  private readonly waiters: (() => void)[] = [];
  private warnedAt = 0;
  archivedEnd: number;

  constructor(
    private readonly sessionId: string,
    from: number,
    private readonly archive: LiveAudioArchive,
    private readonly signal: AbortSignal,
    private readonly logger: Logger,
    /** Sealed parts that may wait for their write before the processor waits too. */
    private readonly maxWaiting = 2,
  ) {
    this.start = this.archivedEnd = from;
    signal.addEventListener('abort', () => this.release(), { once: true });
  }

  /** Copies the samples; resolves at once unless too many parts wait for their write (then: once one is stored). */
  async add(samples: Float32Array): Promise<void> {
    const size = this.archive.partSamples;
    for (let offset = 0; offset < samples.length; ) {
      const take = Math.min(samples.length - offset, size - this.filled);
      this.pieces.push(encodePcm16(samples.subarray(offset, offset + take)));
      this.filled += take;
      offset += take;
      if (this.filled === size) this.seal();
    }
    while (this.sealed.length > this.maxWaiting && !this.signal.aborted) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Stores what is left; true once every part is stored, false when the processor stopped first. */
  async close(): Promise<boolean> {
    this.seal();
    while (this.sealed.length > 0 && !this.signal.aborted) await (this.writing ?? this.pump());
    return this.sealed.length === 0 && !this.signal.aborted;
  }

  private seal(): void {
    if (this.filled === 0) return;
    this.sealed.push({ start: this.start, pcm: this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces) });
    this.start += this.filled;
    this.pieces = [];
    this.filled = 0;
    void this.pump();
  }

  private pump(): Promise<void> {
    this.writing ??= this.writeAll().finally(() => (this.writing = undefined));
    return this.writing;
  }

  private async writeAll(): Promise<void> {
    while (this.sealed.length > 0 && !this.signal.aborted) {
      const part = this.sealed[0];
      if (!(await this.write(part))) return;
      this.sealed.shift();
      this.archivedEnd = part.start + part.pcm.length / 2;
      this.release();
    }
  }

  private async write(part: SealedPart): Promise<boolean> {
    for (let attempt = 0; !this.signal.aborted; attempt++) {
      try {
        await this.archive.writePart(this.sessionId, part.start, part.pcm);
        return true;
      } catch (error) {
        if (Date.now() - this.warnedAt >= 10_000) {
          this.warnedAt = Date.now();
          this.logger.warn(`session ${this.sessionId}: archiving audio at sample ${part.start} failed, retrying: ${(error as Error).message}`);
        }
        await sleep(backoffDelay(attempt, BACKOFF), this.signal).catch(() => undefined);
      }
    }
    return false;
  }

  private release(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
