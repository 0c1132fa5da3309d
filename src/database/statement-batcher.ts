/**
 * Collects the statements issued in the same turn of the event loop (hundreds of jobs in flight
 * do the same small INSERT, UPDATE or SELECT at about the same time) and hands them to `run`
 * together, as one statement: one parse, one plan and one commit instead of one each. `run` returns
 * one result per item, in order (nothing for plain writes). Each caller's promise settles with its
 * own result. When a batch fails, its items are run one by one, so one bad row (a session deleted
 * meanwhile) fails only its own caller.
 */
type Done<R> = (error: Error | undefined, result?: R) => void;

export class StatementBatcher<T, R = void> {
  private pending: { item: T; done: Done<R> }[] = [];

  /**
   * @param replaceBy For whole-row replacements: items of one batch with the same key (two runs of
   * one session's stage, a stalled job retried while the first still writes) go out once, as the
   * last of them, and every caller of that key settles with its result. One statement cannot
   * write a row twice (an upsert fails, a delete cannot see its own inserts).
   */
  constructor(
    private readonly run: (items: T[]) => Promise<R[] | void>,
    private readonly maxBatch = 500,
    private readonly replaceBy?: (item: T) => unknown,
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
    // Callers by item that goes out: each its own, or with replaceBy all of one key behind its last item.
    const callers = new Map<unknown, { item: T; done: Done<R>[] }>();
    batch.forEach((b, i) => {
      const key = this.replaceBy ? this.replaceBy(b.item) : i;
      const entry = callers.get(key);
      if (entry) {
        entry.item = b.item;
        entry.done.push(b.done);
      } else callers.set(key, { item: b.item, done: [b.done] });
    });
    const groups = [...callers.values()];
    const outcomes = await this.outcomes(groups.map((g) => g.item));
    groups.forEach((g, i) => g.done.forEach((done) => done(outcomes[i].error, outcomes[i].result)));
  }

  /** One result per item; when the batch fails, its items are run one by one so only a bad one fails. */
  private async outcomes(items: T[]): Promise<{ error?: Error; result?: R }[]> {
    try {
      const results = await this.run(items);
      return items.map((_, i) => ({ result: results?.[i] }));
    } catch (error) {
      if (items.length === 1) return [{ error: error as Error }];
      return Promise.all(items.map((item) => this.run([item]).then((r) => ({ result: r?.[0] }), (e: Error) => ({ error: e }))));
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
