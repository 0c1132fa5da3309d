/**
 * When a session processor last knew its lease to be held. The worker's heartbeat renews every
 * lease each second, so a processor renews on its own (a Redis round trip on a final's path) only
 * when the last confirmation is more than half a TTL old.
 */
export class LeaseClock {
  private until = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly renew: () => Promise<boolean>,
  ) {}

  /** The lease was set or renewed by a request sent at `sentAt`: held until sentAt + TTL. */
  heldSince(sentAt: number): void {
    this.until = Math.max(this.until, sentAt + this.ttlMs);
  }

  async holds(): Promise<boolean> {
    if (Date.now() < this.until - this.ttlMs / 2) return true;
    const sentAt = Date.now();
    const held = await this.renew();
    if (held) this.heldSince(sentAt);
    return held;
  }
}
