/**
 * Requests that may run concurrently but whose results must be applied strictly in the order they
 * were started (a file's windows: sent to the ASR together, reconciled and persisted one by one).
 * At most `limit` are in flight: `add` waits, committing the oldest, while the limit is reached.
 */
export class OrderedCommits<W, R> {
  private readonly pending: { item: W; result: Promise<R> }[] = [];

  constructor(private readonly commit: (item: W, result: R) => Promise<void>) {}

  get inFlight(): number {
    return this.pending.length;
  }

  async add(item: W, result: Promise<R>, limit: number): Promise<void> {
    // Awaited in order below; until then a rejection must not count as unhandled.
    result.catch(() => undefined);
    this.pending.push({ item, result });
    while (this.pending.length >= Math.max(1, limit)) await this.next();
  }

  /** Commits everything still in flight, in order (end of the audio). */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.next();
  }

  private async next(): Promise<void> {
    const { item, result } = this.pending.shift()!;
    await this.commit(item, await result);
  }
}
