import type { Registry } from 'prom-client';
import { emptyBuckets, type Buckets } from './histogram.js';
import { SLI_SOURCES, SLO_METRICS, type SliSource } from './slo.definitions.js';

type Labels = Partial<Record<string, string | number>>;
export interface LabeledValue {
  value: number;
  labels: Labels;
  metricName?: string;
}

/** Queue states that are work still to do; failed jobs are the dead-letter queue's business. */
const BACKLOG_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** A prom-client histogram's values summed over every label set that is not excluded. */
export function bucketsFromValues(values: LabeledValue[], exclude?: (labels: Labels) => boolean): Buckets {
  const byBound = new Map<number, number>();
  let total = 0;
  for (const v of values) {
    if (!v.metricName?.endsWith('_bucket') || exclude?.(v.labels)) continue;
    const le = v.labels.le;
    if (le === '+Inf') total += v.value;
    else byBound.set(Number(le), (byBound.get(Number(le)) ?? 0) + v.value);
  }
  if (byBound.size === 0 && total === 0) return emptyBuckets();
  const le = [...byBound.keys()].sort((a, b) => a - b);
  return { le, n: [...le.map((x) => byBound.get(x)!), total] };
}

/** Requests answered with a 5xx status, from the histogram's `_count` series. */
export function errorsFromValues(values: LabeledValue[], exclude?: (labels: Labels) => boolean): number {
  let errors = 0;
  for (const v of values) {
    if (!v.metricName?.endsWith('_count') || exclude?.(v.labels)) continue;
    if (String(v.labels.status_code ?? '').startsWith('5')) errors += v.value;
  }
  return errors;
}

export function queueDepthFromValues(values: LabeledValue[]): Record<string, number> {
  const depth: Record<string, number> = {};
  for (const v of values) {
    const queue = v.labels.queue;
    if (queue === undefined || !BACKLOG_STATES.has(String(v.labels.state))) continue;
    depth[String(queue)] = (depth[String(queue)] ?? 0) + v.value;
  }
  return depth;
}

async function valuesOf(registry: Registry, name: string): Promise<LabeledValue[] | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  return (await metric.get()).values;
}

/** This process's cumulative SLI histograms and 5xx count; a histogram no module registered is absent. */
export async function readSliHistograms(
  registry: Registry,
): Promise<{ h: Partial<Record<SliSource, Buckets>>; errors: number }> {
  const h: Partial<Record<SliSource, Buckets>> = {};
  let errors = 0;
  for (const [source, { metric, exclude }] of Object.entries(SLI_SOURCES) as [
    SliSource,
    (typeof SLI_SOURCES)[SliSource],
  ][]) {
    const values = await valuesOf(registry, metric);
    if (!values) continue;
    h[source] = bucketsFromValues(values, exclude);
    if (source === 'http') errors = errorsFromValues(values, exclude);
  }
  return { h, errors };
}

/** Queue backlog as this process sees it (queues live in Redis, so any process sees them all). */
export async function readQueueDepth(registry: Registry): Promise<Record<string, number>> {
  const values = await valuesOf(registry, SLO_METRICS.queueJobs);
  return values ? queueDepthFromValues(values) : {};
}
