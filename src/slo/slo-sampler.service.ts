import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { MetricsService } from '#src/observability/metrics.service.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { readQueueDepth, readSliHistograms } from './registry-reader.js';
import { type ProcessSnapshot, type SeriesPoint } from './series-point.js';
import { SloSeriesRepository } from './slo-series.repository.js';
import { SAMPLING } from './slo.definitions.js';

/**
 * Runs in every process (api, worker, all): publishes this process's cumulative SLI counts to
 * Redis every few seconds, and whichever process claims the current minute folds all live
 * processes' counts into the stored series. Nothing here is on a request path.
 */
@Injectable()
export class SloSampler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SloSampler.name);
  /** Unique per boot: a restarted process starts new counters and must not be diffed against the old ones. */
  readonly processId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private failing = false;

  constructor(
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    private readonly metrics: MetricsService,
    private readonly breakers: CircuitBreakers,
    private readonly series: SloSeriesRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), SAMPLING.publishEveryMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async snapshot(at = Date.now()): Promise<ProcessSnapshot> {
    const { h, errors } = await readSliHistograms(this.metrics.registry);
    return { id: this.processId, role: this.config.role, at, h, errors, breakers: this.breakers.states() };
  }

  async publish(at = Date.now()): Promise<void> {
    await this.series.publish(await this.snapshot(at));
  }

  /**
   * One round: publish this process's counts, then, if no other process has yet for the step
   * holding `at`, aggregate every live process into the series. Returns the stored point, if any.
   */
  async sample(at = Date.now()): Promise<SeriesPoint | undefined> {
    await this.publish(at);
    const t = Math.floor(at / SAMPLING.resolutionMs) * SAMPLING.resolutionMs;
    if (!(await this.series.claimStep(t))) return undefined;
    return this.series.aggregate(t, await readQueueDepth(this.metrics.registry));
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sample()
      .then(() => {
        if (this.failing) this.logger.log('SLO sampling resumed');
        this.failing = false;
      })
      .catch((error: unknown) => {
        // Once per outage: readiness already reports Redis; the counts are cumulative, so nothing is lost.
        if (!this.failing) this.logger.warn(`SLO sampling paused: ${(error as Error).message}`);
        this.failing = true;
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
