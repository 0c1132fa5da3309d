export interface Sequenced {
  seq: number;
}

/**
 * Puts chunks back in seq order (a reconnecting client may resend older chunks after newer ones
 * reached another process). Chunks below the expected seq were already handled and are dropped.
 * A gap is never skipped here: once `maxBuffered` chunks wait behind it, `stalled` names it, and
 * the owner skips it with `skipTo` only after making sure no chunk of it was stored (acked).
 */
export class ChunkSequencer<T extends Sequenced> {
  private readonly waiting = new Map<number, T>();
  skipped = 0;

  constructor(
    private expected: number | undefined,
    private readonly maxBuffered = 64,
  ) {}

  get next(): number | undefined {
    return this.expected;
  }

  get buffered(): T[] {
    return [...this.waiting.values()];
  }

  push(item: T): T[] {
    this.expected ??= item.seq;
    if (item.seq < this.expected || this.waiting.has(item.seq)) return [];
    this.waiting.set(item.seq, item);
    return this.drain();
  }

  /** The open gap [from, to) once `maxBuffered` chunks wait behind it. */
  stalled(): { from: number; to: number } | undefined {
    if (this.waiting.size <= this.maxBuffered || this.expected === undefined) return undefined;
    return { from: this.expected, to: Math.min(...this.waiting.keys()) };
  }

  /** Gives up the gap before `seq` (counted) and returns what is ready behind it. */
  skipTo(seq: number): T[] {
    if (this.expected === undefined || seq <= this.expected) return [];
    this.skipped += seq - this.expected;
    this.expected = seq;
    return this.drain();
  }

  /** End of stream: everything still waiting, in order, skipping the gaps. */
  flush(): T[] {
    const rest = [...this.waiting.values()].sort((a, b) => a.seq - b.seq);
    if (rest.length && this.expected !== undefined) this.skipped += rest.at(-1)!.seq + 1 - this.expected - rest.length;
    this.waiting.clear();
    if (rest.length) this.expected = rest.at(-1)!.seq + 1;
    return rest;
  }

  private drain(): T[] {
    const ready: T[] = [];
    for (let item = this.waiting.get(this.expected!); item; item = this.waiting.get(this.expected!)) {
      this.waiting.delete(this.expected!);
      ready.push(item);
      this.expected! += 1;
    }
    return ready;
  }
}
