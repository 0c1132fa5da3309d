import type { AudioSpool, SpoolEntry, StoredEntry } from './audio-spool.service.js';

/** Order of two stream entry ids (`<ms>-<seq>`). */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/**
 * A processor's way through its session's spool, each entry once and in order. Chunks the gateway
 * of this process just stored are offered directly: taken as they are (not read back from Redis)
 * when they follow the newest entry taken so far without a gap; anything else is read.
 */
export class SpoolReader {
  /** The last entry handed out. */
  private lastId = '-';
  /** The newest entry taken (read or offered). */
  private taken = '-';
  private readonly inbox: SpoolEntry[] = [];

  constructor(
    private readonly spool: AudioSpool,
    private readonly sessionId: string,
    private readonly batch: number,
  ) {}

  offer(entry: StoredEntry): void {
    const tail = this.inbox.at(-1)?.id ?? this.taken;
    // A processor that fell behind reads from Redis instead of holding ever more audio in memory.
    if (entry.prevId !== '' && entry.prevId === tail && this.inbox.length < this.batch) this.inbox.push(entry);
  }

  /** The next entries (empty when there are none yet). */
  async next(): Promise<SpoolEntry[]> {
    const entries = this.inbox.length > 0 ? this.inbox.splice(0) : await this.spool.read(this.sessionId, this.lastId, this.batch);
    if (entries.length > 0) this.taken = entries.at(-1)!.id;
    // A chunk offered while a read was under way can come back from that read too.
    const fresh = this.lastId === '-' ? entries : entries.filter((e) => compareIds(e.id, this.lastId) > 0);
    if (fresh.length > 0) this.lastId = fresh.at(-1)!.id;
    return fresh;
  }
}
