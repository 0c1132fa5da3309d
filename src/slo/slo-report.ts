import { emptyBuckets, quantile, type Buckets } from './histogram.js';
import { type SeriesPoint } from './series-point.js';
import { budgetRemaining, burnRate, sliCounts, sliValue, sloState, targetValue, unitOf } from './sli.js';
import { type SloDefinition } from './slo.definitions.js';
import type * as Views from '@mina/contract/views';

export type SeriesValue = Views.SeriesValue;

export type SloReport = Views.SloView;

export type MetricsSeries = Views.MetricsSeriesView;

const histogramOf = (p: SeriesPoint, slo: SloDefinition): Buckets => p.h[slo.source] ?? emptyBuckets();

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** Enough digits to tell 99.95 from 99.9 and 12.3 ms from 12 ms, no float noise. */
const digitsFor = (unit: SloReport['unit']): number => (unit === '%' ? 4 : unit === 'ms' ? 1 : 2);

/**
 * The SLO as seen over a window: `total` is every stored point of the window merged, `steps`
 * the same points downsampled for the chart.
 */
export function reportSlo(slo: SloDefinition, total: SeriesPoint, steps: SeriesPoint[]): SloReport {
  const h = histogramOf(total, slo);
  const counts = sliCounts(slo, h, total.errors);
  const burn = burnRate(counts, slo.objective);
  const unit = unitOf(slo);
  const digits = digitsFor(unit);
  return {
    id: slo.id,
    name: slo.name,
    description: slo.description,
    target: round(targetValue(slo), digits)!,
    current: round(sliValue(slo, h, total.errors), digits),
    errorBudgetRemaining: round(budgetRemaining(burn), 4)!,
    burnRate: round(burn, 3)!,
    state: sloState(counts, burn),
    unit,
    objective: slo.objective,
    events: { total: counts.total, bad: round(counts.bad, 2)! },
    series: steps.map((p) => ({
      t: p.t,
      value: round(sliValue(slo, histogramOf(p, slo), p.errors), digits),
    })),
  };
}

export function metricsSeries(steps: SeriesPoint[], availability: SloDefinition): MetricsSeries {
  const ms = (h: Buckets, q: number) => {
    const seconds = quantile(h, q);
    return round(seconds === null ? null : seconds * 1000, 1);
  };
  return {
    latency: steps.map((p) => {
      const h = p.h.http ?? emptyBuckets();
      return { t: p.t, p50: ms(h, 0.5), p95: ms(h, 0.95), p99: ms(h, 0.99) };
    }),
    availability: steps.map((p) => ({
      t: p.t,
      value: round(sliValue(availability, histogramOf(p, availability), p.errors), 4),
    })),
    queueDepth: steps.flatMap((p) =>
      Object.entries(p.queues).map(([queue, value]) => ({ t: p.t, queue, value })),
    ),
    breakers: steps.flatMap((p) =>
      Object.entries(p.breakers).map(([name, state]) => ({ t: p.t, name, state })),
    ),
  };
}
