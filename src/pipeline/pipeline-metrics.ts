import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsService } from '#src/observability/metrics.service.js';

/** The pipeline's own figures; queue depths and job durations are the job registry's (JobMetrics). */
@Injectable()
export class PipelineMetrics {
  /** Finalization to reveal, once per session: the pipeline SLO (p95 ≤ 2 min) reads it. */
  readonly finalizeToReveal: Histogram;

  constructor(metrics: MetricsService) {
    this.finalizeToReveal = new Histogram({
      name: 'mina_pipeline_finalize_to_reveal_seconds',
      help: 'Session finalized → insights revealed',
      buckets: [1, 2, 5, 10, 30, 60, 90, 120, 180, 300, 600],
      registers: [metrics.registry],
    });
  }
}
