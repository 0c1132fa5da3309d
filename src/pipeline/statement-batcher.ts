/**
 * Collects the statements issued in the same turn of the event loop (hundreds of jobs in flight
 * do the same small INSERT, UPDATE or SELECT at about the same time) and hands them to `run`
 * together, as one statement: one parse, one plan and one commit instead of one each. `run` returns
 * one result per item, in order (nothing for plain writes). Each caller's promise settles with its
 * own result. When a batch fails, its items are run one by one, so one bad row (a session deleted
 * meanwhile) fails only its own caller.
 */
export class StatementBatcher<T, R = void> {
  private pending: { item: T; done: (error: Error | undefined, result?: R) => void }[] = [];

  constructor(
    private readonly run: (items: T[]) => Promise<R[] | void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, done: (error, result) => (error ? reject(error) : resolve(result as R)) });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  /** Runs what is pending now (also on shutdown). */
  async flush(): Promise<void> {
    const batches: (typeof this.pending)[] = [];
    while (this.pending.length > 0) batches.push(this.pending.splice(0, this.maxBatch));
    await Promise.all(batches.map((batch) => this.runBatch(batch)));
  }

  private async runBatch(batch: typeof this.pending): Promise<void> {
    try {
      const results = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.done(undefined, results?.[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].done(error as Error);
      await Promise.all(batch.map((b) => this.run([b.item]).then((r) => b.done(undefined, r?.[0]), (e: Error) => b.done(e))));
    }
  }
}

/** Rows of a batched read by the key they answer (one pass, for handing each caller its own). */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
