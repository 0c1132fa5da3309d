import type { SloWindow } from '@mina/contract/views';
/**
 * Mina's service level objectives — the one place they are defined. The admin API, the sampler
 * and ops/prometheus/slo-rules.yml all follow these; change them together.
 */

/** Metric names the SLIs are read from (all on the process registry, see src/observability). */
export const SLO_METRICS = {
  http: 'mina_http_request_duration_seconds',
  segmentAddedLatency: 'mina_transcription_added_latency_seconds',
  chunkAck: 'mina_audio_chunk_ack_seconds',
  finalizeToReveal: 'mina_pipeline_finalize_to_reveal_seconds',
  queueJobs: 'mina_queue_jobs',
} as const;

/** Histograms every process publishes for aggregation; `http` excludes probe routes (see `SLI_SOURCES`). */
export type SliSource = 'http' | 'segmentAddedLatency' | 'chunkAck' | 'finalizeToReveal';

export const SLI_SOURCES: Record<
  SliSource,
  { metric: string; exclude?: (labels: Partial<Record<string, string | number>>) => boolean }
> = {
  // Probes answer 503 on purpose while a dependency is down; they are not user traffic.
  http: { metric: SLO_METRICS.http, exclude: (l) => String(l.route ?? '').startsWith('/health') },
  segmentAddedLatency: { metric: SLO_METRICS.segmentAddedLatency },
  chunkAck: { metric: SLO_METRICS.chunkAck },
  finalizeToReveal: { metric: SLO_METRICS.finalizeToReveal },
};

interface SloBase {
  id: string;
  name: string;
  description: string;
  source: SliSource;
  /** Share of events that must be good over the window (0.999 → 0.1% error budget). */
  objective: number;
}

/** Good events: responses that are not 5xx. SLI and target are shown in percent. */
export interface AvailabilitySlo extends SloBase {
  kind: 'availability';
}

/** Good events: observations at or below the threshold; `objective` is the quantile (p95 → 0.95). */
export interface LatencySlo extends SloBase {
  kind: 'latency';
  thresholdSeconds: number;
  unit: 'ms' | 's';
}

export type SloDefinition = AvailabilitySlo | LatencySlo;

export const SLOS: readonly SloDefinition[] = [
  {
    id: 'api-availability',
    kind: 'availability',
    name: 'API availability',
    description: 'Share of HTTP requests (health probes excluded) answered without a 5xx status.',
    source: 'http',
    objective: 0.999,
  },
  {
    id: 'live-segment-latency',
    kind: 'latency',
    name: 'Live segment latency (p95)',
    description:
      'Time the server adds between the last audio of a window arriving and its final segment going out, ASR time excluded.',
    source: 'segmentAddedLatency',
    objective: 0.95,
    thresholdSeconds: 0.4,
    unit: 'ms',
  },
  {
    id: 'pipeline-reveal-latency',
    kind: 'latency',
    name: 'Finalize → reveal (p95)',
    description:
      'Time from a session being finalized to its insights being revealed (refine, analytics, tasks, summary).',
    source: 'finalizeToReveal',
    objective: 0.95,
    thresholdSeconds: 120,
    unit: 's',
  },
  {
    id: 'audio-chunk-ack',
    kind: 'latency',
    name: 'Audio chunk ack (p99)',
    description: 'Time from an audio:chunk arriving to its durable acknowledgement.',
    source: 'chunkAck',
    objective: 0.99,
    thresholdSeconds: 0.1,
    unit: 'ms',
  },
];

/** Below this share of the window's error budget left, an SLO that still meets its target is a warning. */
export const WARNING_BUDGET_REMAINING = 0.25;

export type { SloWindow };

/** How far back a window looks and the step its series is shown at (7 d comes from hourly roll-ups). */
export const WINDOWS: Record<SloWindow, { spanMs: number; stepMs: number }> = {
  '1h': { spanMs: 3_600_000, stepMs: 60_000 },
  '24h': { spanMs: 86_400_000, stepMs: 600_000 },
  '7d': { spanMs: 7 * 86_400_000, stepMs: 3_600_000 },
};

export const SAMPLING = {
  /** Each process publishes its cumulative counts this often. */
  publishEveryMs: 15_000,
  /** A process snapshot not refreshed for this long is gone (its last counts were already taken). */
  snapshotTtlMs: 120_000,
  /** Resolution of the stored series; one aggregation per step across all processes. */
  resolutionMs: 60_000,
  rollupMs: 3_600_000,
  /** Minute points are kept this long; hourly roll-ups a day longer so a 7 d view is always full. */
  keepMinutesMs: 7 * 86_400_000,
  keepRollupsMs: 8 * 86_400_000,
} as const;
