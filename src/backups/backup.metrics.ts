import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '#src/observability/metrics.service.js';
import type { BackupManifest } from './backup-manifest.js';
import { BackupStore } from './backup.store.js';

interface Summary {
  lastSuccess?: BackupManifest;
  byStatus: Record<string, number>;
}

const CACHE_MS = 5_000;

/**
 * Read from MINA_BACKUP_DIR at scrape time, so every process reports the same figures whichever
 * worker took the backup. No successful backup at all shows as an infinite age (alerts fire).
 */
@Injectable()
export class BackupMetrics {
  private cached?: { at: number; summary: Promise<Summary> };

  constructor(metrics: MetricsService, store: BackupStore) {
    const summary = (): Promise<Summary> => {
      if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
        this.cached = { at: Date.now(), summary: summarize(store) };
      }
      return this.cached.summary;
    };
    const registers = [metrics.registry];
    const finishedAt = (m?: BackupManifest) => (m?.finishedAt ? Date.parse(m.finishedAt) / 1000 : undefined);
    new Gauge({
      name: 'mina_backup_age_seconds',
      help: 'Seconds since the last successful backup finished (+Inf when there is none)',
      registers,
      async collect() {
        const at = finishedAt((await summary()).lastSuccess);
        this.set(at === undefined ? Infinity : Date.now() / 1000 - at);
      },
    });
    new Gauge({
      name: 'mina_backup_last_success_timestamp_seconds',
      help: 'Unix time the last successful backup finished (0 when there is none)',
      registers,
      async collect() {
        this.set(finishedAt((await summary()).lastSuccess) ?? 0);
      },
    });
    new Gauge({
      name: 'mina_backup_last_size_bytes',
      help: 'Size of the last successful backup file',
      registers,
      async collect() {
        this.set((await summary()).lastSuccess?.sizeBytes ?? 0);
      },
    });
    new Gauge({
      name: 'mina_backup_last_duration_seconds',
      help: 'How long the last successful backup took',
      registers,
      async collect() {
        this.set(((await summary()).lastSuccess?.durationMs ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'mina_backups',
      help: 'Backups in MINA_BACKUP_DIR by status',
      labelNames: ['status'],
      registers,
      async collect() {
        const { byStatus } = await summary();
        for (const status of ['queued', 'running', 'completed', 'failed']) this.set({ status }, byStatus[status] ?? 0);
      },
    });
  }
}

async function summarize(store: BackupStore): Promise<Summary> {
  const all = await store.list().catch(() => []);
  const byStatus: Record<string, number> = {};
  for (const m of all) byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
  const lastSuccess = all.filter((m) => m.status === 'completed').sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))[0];
  return { lastSuccess, byStatus };
}
