import { Injectable } from '@nestjs/common';
import { MinaException } from '#src/common/mina.exception.js';
import {
  downsample,
  emptyPoint,
  mergePoints,
  worstState,
  type BreakerStateName,
  type ProcessSnapshot,
  type SeriesPoint,
} from './series-point.js';
import { metricsSeries, reportSlo, type MetricsSeries, type SloReport } from './slo-report.js';
import { SloSampler } from './slo-sampler.service.js';
import { SloSeriesRepository } from './slo-series.repository.js';
import { SAMPLING, SLOS, WINDOWS, type SloWindow } from './slo.definitions.js';

type BreakerStats = Omit<ProcessSnapshot['breakers'][number], 'name' | 'state'>;

export interface BreakerView {
  name: string;
  /** The worst state among the processes that use this breaker. */
  state: BreakerStateName;
  /** Summed over those processes (opossum's rolling window). */
  stats: BreakerStats;
  processes: { id: string; role: string; state: BreakerStateName }[];
}

/** Read side of the SLOs: the stored series turned into reports, chart series and the cluster's breakers. */
@Injectable()
export class SloService {
  constructor(
    private readonly series: SloSeriesRepository,
    private readonly sampler: SloSampler,
  ) {}

  async report(window: SloWindow, now = Date.now()): Promise<SloReport[]> {
    const { total, steps } = await this.window(window, now);
    return SLOS.map((slo) => reportSlo(slo, total, steps));
  }

  async metrics(window: SloWindow, now = Date.now()): Promise<MetricsSeries> {
    const { steps } = await this.window(window, now);
    return metricsSeries(
      steps,
      SLOS.find((s) => s.kind === 'availability')!,
    );
  }

  /** Every breaker any live process has, merged by name; this process's own are always current. */
  async breakers(now = Date.now()): Promise<BreakerView[]> {
    const local = await this.sampler.snapshot(now);
    const others = await this.series.liveSnapshots(now).catch(() => [] as ProcessSnapshot[]);
    const views = new Map<string, BreakerView>();
    for (const snapshot of [local, ...others.filter((s) => s.id !== local.id)]) {
      for (const { name, state, ...stats } of snapshot.breakers) {
        const view = views.get(name) ?? {
          name,
          state,
          stats: { failures: 0, successes: 0, timeouts: 0, rejects: 0, inFlight: 0, queued: 0 },
          processes: [],
        };
        view.state = worstState(view.state, state);
        for (const key of Object.keys(view.stats) as (keyof BreakerStats)[]) view.stats[key] += stats[key];
        view.processes.push({ id: snapshot.id, role: snapshot.role, state });
        views.set(name, view);
      }
    }
    return [...views.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private async window(
    window: SloWindow,
    now: number,
  ): Promise<{ total: SeriesPoint; steps: SeriesPoint[] }> {
    const { spanMs, stepMs } = WINDOWS[window];
    const from = now - spanMs;
    const rollups = stepMs >= SAMPLING.rollupMs;
    let points: SeriesPoint[];
    try {
      points = rollups
        ? await this.series.points('1h', Math.floor(from / SAMPLING.rollupMs) * SAMPLING.rollupMs)
        : await this.series.points('1m', from);
    } catch {
      throw new MinaException('SERVICE_UNAVAILABLE', 'SLO data is unavailable: Redis did not answer');
    }
    const steps = downsample(points, from, Math.max(now, ...points.map((p) => p.t)), stepMs);
    const total = points.reduce((acc, p) => mergePoints(acc.t, acc, p), emptyPoint(from));
    return { total, steps };
  }
}
