import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { withContext } from '#src/database/with-context.js';
import { RedisService } from '#src/redis/redis.service.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { sleep } from '#src/resilience/retry.js';
import { ASR_PROVIDER, type AsrProvider } from '../asr/asr-provider.js';
import { retryAfterMs } from '../asr/openai-asr.provider.js';
import { AudioSpool, type StoredEntry } from '../spool/audio-spool.service.js';
import { LeaseService } from '../spool/lease.service.js';
import { TranscriptionEvents } from '../transcription-events.service.js';
import { TranscriptionMetrics } from '../transcription.metrics.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '../transcription.options.js';
import { TranscriptionRepository } from '../transcription.repository.js';
import { AsrLoad } from './asr-load.js';
import { FinalsListeners } from './finals-listeners.js';
import { LiveAudioArchivePort } from './live-audio-archive.js';
import type { ProcessorDeps } from './processor-deps.js';
import { SessionProcessor } from './session-processor.js';
import { ShutdownDrain } from './shutdown-drain.js';

/**
 * Runs the session processors this process holds leases for. A session is picked up by the process
 * that receives its first chunk, by a wake-up published to the lease holder, or — when its holder
 * died and the lease lapsed — by the sweep of any process.
 */
@Injectable()
export class TranscriptionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TranscriptionWorker.name);
  readonly ownerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly processors = new Map<string, SessionProcessor>();
  private readonly starting = new Set<string>();
  private sub: Redis | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly deps: ProcessorDeps;

  constructor(
    private readonly redis: RedisService,
    private readonly spool: AudioSpool,
    private readonly leases: LeaseService,
    repo: TranscriptionRepository,
    private readonly orm: MikroORM,
    breakers: CircuitBreakers,
    private readonly metrics: TranscriptionMetrics,
    events: TranscriptionEvents,
    private readonly shutdown: ShutdownDrain,
    archive: LiveAudioArchivePort,
    finals: FinalsListeners,
    @Inject(ASR_PROVIDER) private readonly asr: AsrProvider,
    @Inject(TRANSCRIPTION_OPTIONS) private readonly options: TranscriptionOptions,
  ) {
    breakers.configure(options.asr.breaker, { timeoutMs: options.asr.timeoutMs, retries: options.asr.retries });
    // Each realtime commit is on its own session's connection: no shared bulkhead to wait in.
    if (asr.realtime) breakers.configure(asr.realtime.breaker, { timeoutMs: options.asr.timeoutMs, retries: 0, maxConcurrent: 100_000, maxQueue: 0 });
    this.deps = {
      spool,
      repo,
      redis: redis.client,
      asr,
      asrLoad: new AsrLoad(options.interimLoad),
      breakers,
      metrics,
      options,
      archive,
      db: (fn) => withContext(orm, fn),
      renewLease: (id) => leases.renew(spool.keys(id).lease, this.ownerId, options.leaseTtlMs),
      retryAfterMs,
      emitSegment: (e) => events.segment(e),
      finalsCommitted: (sessionId) => finals.notify(sessionId),
      fellBack: async (sessionId, info) => {
        const status = await withContext(orm, () => repo.statusOf(sessionId)).catch(() => undefined);
        if (status) events.status({ sessionId, status, asr: info });
      },
    };
    metrics.spoolDepth = () => Promise.resolve([...this.processors.values()].reduce((n, p) => n + p.backlog, 0));
  }

  get channel(): string {
    return this.redis.key('proc', this.ownerId);
  }

  get active(): number {
    return this.processors.size;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.asr.info.configured) return;
    this.sub = this.redis.duplicate('transcription-wake');
    this.sub.on('message', (_channel: string, sessionId: string) => this.ensure(sessionId, ''));
    await this.sub.subscribe(this.channel);
    if (this.options.sweep) this.sweeper = setInterval(() => void this.sweep().catch((e: Error) => this.logger.warn(`sweep: ${e.message}`)), this.options.sweepEveryMs);
    this.heartbeat = setInterval(() => void this.renewAll(), this.options.leaseRenewMs);
    this.sweeper?.unref();
    this.heartbeat.unref();
  }

  async onModuleDestroy(): Promise<void> {
    // Sockets first (in-flight chunks acked, clients told to reconnect), then hand the sessions over.
    await this.shutdown.drain();
    this.closing = true;
    clearInterval(this.sweeper);
    clearInterval(this.heartbeat);
    const running = [...this.processors.values()];
    for (const p of running) p.stop('shutting down');
    // Hand the sessions over at once instead of letting the leases lapse.
    await Promise.allSettled(running.map((p) => this.leases.release(this.spool.keys(p.sessionId).lease, this.ownerId)));
    await this.sub?.unsubscribe().catch(() => undefined);
  }

  /** New audio for a session: hand it to its processor here, tell its holder elsewhere, or take it on. */
  ensure(sessionId: string, holder: string, entry?: StoredEntry): void {
    if (!this.asr.info.configured || this.closing) return;
    const local = this.processors.get(sessionId);
    if (local) {
      if (entry) local.offer(entry);
      return local.wake();
    }
    if (holder && holder !== this.ownerId) {
      void this.redis.client.publish(this.redis.key('proc', holder), sessionId).catch(() => undefined);
      return;
    }
    void this.tryStart(sessionId).catch((e: Error) => this.logger.warn(`session ${sessionId}: ${e.message}`));
  }

  /** Waits until the session's spool is fully transcribed (end marker processed). */
  async drain(sessionId: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.spool.meta(sessionId)).done) return true;
      await sleep(100);
    }
    return false;
  }

  private async sweep(): Promise<void> {
    for (const sessionId of await this.spool.activeSessions()) {
      if (!this.processors.has(sessionId)) await this.tryStart(sessionId);
    }
  }

  private async renewAll(): Promise<void> {
    await Promise.all(
      [...this.processors.values()].map(async (p) => {
        const sentAt = Date.now();
        const held = await this.deps.renewLease(p.sessionId).catch(() => undefined);
        if (held) p.leaseHeldSince(sentAt);
        if (held === false) {
          this.logger.warn(`session ${p.sessionId}: lease lost, stopping`);
          p.stop('lease lost');
        }
      }),
    );
  }

  private async tryStart(sessionId: string): Promise<void> {
    if (this.closing || this.processors.has(sessionId) || this.starting.has(sessionId)) return;
    this.starting.add(sessionId);
    try {
      const key = this.spool.keys(sessionId).lease;
      const sentAt = Date.now();
      if (!(await this.leases.acquire(key, this.ownerId, this.options.leaseTtlMs))) return;
      const processor = new SessionProcessor(sessionId, this.deps);
      processor.leaseHeldSince(sentAt);
      this.processors.set(sessionId, processor);
      void this.runProcessor(processor, key);
    } finally {
      this.starting.delete(sessionId);
    }
  }

  private async runProcessor(processor: SessionProcessor, leaseKey: string): Promise<void> {
    try {
      await processor.run();
    } catch (error) {
      this.logger.error(`session ${processor.sessionId}: processor failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      this.processors.delete(processor.sessionId);
      await this.leases.release(leaseKey, this.ownerId).catch(() => undefined);
    }
  }
}
