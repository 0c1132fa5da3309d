/** Fixed-window counters of one process, for while Redis is unreachable. Bounded: the oldest windows go first. */
export class MemoryWindows {
  private readonly windows = new Map<string, { count: number; expiresAt: number }>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string): { count: number; expiresAt: number } | undefined {
    const w = this.windows.get(key);
    if (w && w.expiresAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Count and seconds until the window ends (0 when no window is open). */
  peek(key: string): { count: number; ttlSeconds: number } {
    const w = this.live(key);
    return w ? { count: w.count, ttlSeconds: Math.ceil((w.expiresAt - this.now()) / 1000) } : { count: 0, ttlSeconds: 0 };
  }

  hit(key: string, windowSeconds: number): { count: number; ttlSeconds: number } {
    let w = this.live(key);
    if (!w) {
      if (this.windows.size >= this.maxKeys) this.evict();
      w = { count: 0, expiresAt: this.now() + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, ttlSeconds: Math.ceil((w.expiresAt - this.now()) / 1000) };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.expiresAt <= now) this.windows.delete(key);
    // Still full: drop the oldest windows (Map keeps insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
