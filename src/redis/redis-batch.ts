import type { ChainableCommander, Redis } from 'ioredis';

interface Queued {
  add(pipeline: ChainableCommander): void;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Coalesces the commands issued during one turn of the event loop (every socket read of a poll
 * phase) into one pipeline: one write and one read syscall for hundreds of chunk appends instead
 * of one each. Each caller still gets its own result or error.
 */
export class RedisBatch {
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(
    private readonly redis: Redis,
    private readonly maxBatch = 512,
  ) {}

  run<T>(add: (pipeline: ChainableCommander) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ add, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const q of batch) q.add(pipeline);
    pipeline.exec().then(
      (results) => {
        batch.forEach((q, i) => {
          const [error, value] = results?.[i] ?? [new Error('Redis pipeline returned no result'), undefined];
          if (error) q.reject(error);
          else q.resolve(value);
        });
      },
      (error: Error) => batch.forEach((q) => q.reject(error)),
    );
  }
}
