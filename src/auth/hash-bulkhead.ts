/** Why a bulkhead refused work: every slot busy and the queue full, or the wait ran out. */
export class BulkheadRejected extends Error {
  constructor(readonly reason: 'queue_full' | 'wait_timeout') {
    super(reason === 'queue_full' ? 'Too many operations waiting' : 'Waited too long for a free slot');
    this.name = 'BulkheadRejected';
  }
}

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * At most `concurrency` operations at once; up to `queue` more wait (first come, first served)
 * for at most `waitMs` each; the rest are refused at once. Password hashing is CPU- and
 * memory-bound (argon2, 19 MiB each): a burst must queue briefly or be refused, not slow
 * every other request of the process.
 */
export class Bulkhead {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
    private readonly waitMs: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queue) return Promise.reject(new BulkheadRejected('queue_full'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, timer: undefined };
      waiter.timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new BulkheadRejected('wait_timeout'));
      }, this.waitMs);
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      // The slot passes straight to the next waiter: `active` stays the same.
      clearTimeout(next.timer);
      next.grant();
    } else {
      this.active--;
    }
  }
}
