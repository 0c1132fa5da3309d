/**
 * Collects writes issued in the same turn of the event loop (hundreds of jobs in flight do the
 * same small INSERT at about the same time) and hands them to `write` together, as one statement.
 * Each caller's promise settles when its row is written. When a batch fails, its rows are
 * written one by one, so one bad row (a session deleted meanwhile) fails only its own caller.
 */
export class WriteBatcher<T> {
  private pending: { item: T; done: (error?: Error) => void }[] = [];

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, done: (error) => (error ? reject(error) : resolve()) });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  /** Writes what is pending now (also on shutdown). */
  async flush(): Promise<void> {
    const batches: (typeof this.pending)[] = [];
    while (this.pending.length > 0) batches.push(this.pending.splice(0, this.maxBatch));
    await Promise.all(batches.map((batch) => this.writeBatch(batch)));
  }

  private async writeBatch(batch: typeof this.pending): Promise<void> {
    try {
      await this.write(batch.map((b) => b.item));
      for (const b of batch) b.done();
    } catch (error) {
      if (batch.length === 1) return batch[0].done(error as Error);
      await Promise.all(batch.map((b) => this.write([b.item]).then(() => b.done(), (e: Error) => b.done(e))));
    }
  }
}
