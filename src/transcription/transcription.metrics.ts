import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '#src/observability/metrics.service.js';

export type ChunkResult = 'acked' | 'duplicate' | 'rejected';

/** Socket and live-transcription metrics, on the process registry. */
@Injectable()
export class TranscriptionMetrics {
  readonly connections: Gauge;
  readonly chunks: Counter<'result'>;
  readonly asrDuration: Histogram<'kind' | 'outcome'>;
  readonly addedLatency: Histogram;
  readonly ackLatency: Histogram;
  readonly segments: Counter<'kind'>;
  readonly dropped: Counter<'reason'>;
  /** Set by the worker: spool entries not yet transcribed, summed over the sessions this process owns. */
  spoolDepth: () => Promise<number> = () => Promise.resolve(0);

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.connections = new Gauge({ name: 'mina_socket_connections', help: 'Open /transcription sockets', registers });
    this.chunks = new Counter({ name: 'mina_audio_chunks_total', help: 'audio:chunk events by result', labelNames: ['result'], registers });
    this.asrDuration = new Histogram({
      name: 'mina_asr_request_duration_seconds',
      help: 'ASR request time (per attempt sequence, retries included) by window kind and outcome',
      labelNames: ['kind', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers,
    });
    this.addedLatency = new Histogram({
      name: 'mina_transcription_added_latency_seconds',
      help: 'Final segment emitted minus arrival of the window’s last audio, minus ASR time',
      // 0.4 is the SLO threshold: the burn-rate rules count events at le="0.4".
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 1],
      registers,
    });
    this.ackLatency = new Histogram({
      name: 'mina_audio_chunk_ack_seconds',
      help: 'audio:chunk received → durable ack',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers,
    });
    this.segments = new Counter({ name: 'mina_segments_total', help: 'Segments emitted by kind', labelNames: ['kind'], registers });
    this.dropped = new Counter({
      name: 'mina_asr_windows_dropped_total',
      help: 'Windows whose transcript was dropped (hallucination checks, empty, refused)',
      labelNames: ['reason'],
      registers,
    });
    const depth = () => this.spoolDepth();
    new Gauge({
      name: 'mina_spool_depth',
      help: 'Audio chunks waiting in the spool of sessions this process transcribes',
      registers,
      async collect() {
        this.set(await depth());
      },
    });
  }
}
