import { countAtMost, quantile, totalOf, type Buckets } from './histogram.js';
import { WARNING_BUDGET_REMAINING, type SloDefinition } from './slo.definitions.js';
import type { SloState } from '@mina/contract/views';

export type { SloState };

/** Events of one SLI over a window. `bad` may be fractional (interpolated inside a bucket). */
export interface SliCounts {
  total: number;
  bad: number;
}

/** Good = not 5xx: `errors` are the 5xx responses among the histogram's observations. */
export function availabilityCounts(requests: Buckets, errors: number): SliCounts {
  const total = totalOf(requests);
  return { total, bad: Math.min(Math.max(errors, 0), total) };
}

/** Good = at or below the threshold. */
export function latencyCounts(h: Buckets, thresholdSeconds: number): SliCounts {
  const total = totalOf(h);
  return { total, bad: Math.max(total - countAtMost(h, thresholdSeconds), 0) };
}

/**
 * How fast the window spent its error budget: 1 spends exactly the allowance (bad share equals
 * 1 − objective), 14.4 would spend a 30-day budget in about two days. 0 without events.
 */
export function burnRate(counts: SliCounts, objective: number): number {
  if (counts.total <= 0) return 0;
  return counts.bad / counts.total / (1 - objective);
}

/** Share of the window's error budget not yet spent, 0..1. */
export const budgetRemaining = (burn: number): number => Math.min(Math.max(1 - burn, 0), 1);

/** Meeting the target with exactly the allowed share of bad events is still ok (p95 ≤ 400 ms includes 400). */
export function sloState(counts: SliCounts, burn: number): SloState {
  if (counts.total <= 0) return 'no_data';
  if (burn > 1 + 1e-9) return 'breach';
  return budgetRemaining(burn) < WARNING_BUDGET_REMAINING ? 'warning' : 'ok';
}

/** The SLI in the unit the SLO is shown in: percent good for availability, the quantile for latency. */
export function sliValue(slo: SloDefinition, h: Buckets, errors: number): number | null {
  if (slo.kind === 'availability') {
    const c = availabilityCounts(h, errors);
    return c.total > 0 ? (100 * (c.total - c.bad)) / c.total : null;
  }
  const q = quantile(h, slo.objective);
  return q === null ? null : inUnit(slo.unit, q);
}

export function sliCounts(slo: SloDefinition, h: Buckets, errors: number): SliCounts {
  return slo.kind === 'availability' ? availabilityCounts(h, errors) : latencyCounts(h, slo.thresholdSeconds);
}

export function targetValue(slo: SloDefinition): number {
  return slo.kind === 'availability' ? 100 * slo.objective : inUnit(slo.unit, slo.thresholdSeconds);
}

export const unitOf = (slo: SloDefinition): '%' | 'ms' | 's' =>
  slo.kind === 'availability' ? '%' : slo.unit;

const inUnit = (unit: 'ms' | 's', seconds: number): number => (unit === 'ms' ? seconds * 1000 : seconds);
