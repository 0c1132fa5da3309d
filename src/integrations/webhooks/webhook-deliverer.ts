import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { AuditService } from '#src/audit/audit.service.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { WebhookJobData } from '#src/jobs/jobs.js';
import { CircuitBreakers, type BreakerPolicy } from '#src/resilience/circuit-breakers.service.js';
import { BreakerOpenError } from '#src/resilience/resilience.errors.js';
import { nextDeliveryDelay } from './delivery-backoff.js';
import { WebhookDelivery } from './entities/webhook-delivery.entity.js';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity.js';
import { WebhookEvent } from './entities/webhook-event.entity.js';
import { SafeFetch } from './safe-fetch.js';
import { SecretBox } from './secret-box.js';
import { select, WebhookOutbox } from './webhook-outbox.js';

class StatusError extends Error {
  constructor(readonly status: number, body: string) {
    super(`HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'StatusError';
  }
}

/** Events younger than this may still be on their way to the queue from the publisher. */
const SWEEP_GRACE_MS = 30_000;

export const breakerName = (endpointId: string): string => `webhook:${endpointId}`;

/** Sends deliveries (worker processes): sign, post, log, retry with jitter, trip the breaker, disable. */
@Injectable()
export class WebhookDeliverer implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private readonly http: SafeFetch;
  private readonly box: SecretBox;
  private readonly policy: Partial<BreakerPolicy>;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: WebhookOutbox,
    private readonly breakers: CircuitBreakers,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {
    const w = config.webhooks;
    this.http = new SafeFetch(w.allowPrivateNetworks, w.timeoutMs);
    this.box = new SecretBox(config.jwtSecret);
    this.policy = { timeoutMs: w.timeoutMs, retries: 0, errorThresholdPercentage: 50, volumeThreshold: 5, rollingWindowMs: 60_000, resetTimeoutMs: 30_000, maxConcurrent: 8, maxQueue: 100 };
  }

  async onModuleDestroy(): Promise<void> {
    await this.http.close();
  }

  @OnJob('deliver-webhook')
  async deliver(job: Job<WebhookJobData>): Promise<{ outcome: string }> {
    const { eventId, endpointId, attempt, replayOf } = job.data;
    const endpoint = await this.em.findOne(WebhookEndpoint, endpointId, { populate: ['secretCipher'] });
    const event = await this.em.findOne(WebhookEvent, eventId);
    if (!endpoint || !event) return { outcome: 'gone' };
    if (!endpoint.enabled || endpoint.disabledAt) return { outcome: 'disabled' };
    if (!replayOf && !endpoint.events.includes(event.type)) return { outcome: 'unsubscribed' };

    const payload = JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
    const now = new Date();
    const headers = {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(this.box.open(endpoint.secretCipher)).sign(event.id, now, payload),
    };
    const name = breakerName(endpoint.id);
    this.breakers.ensure(name, this.policy);
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    let open = false;
    try {
      const res = await this.breakers.run(name, async (signal) => {
        const r = await this.http.post(endpoint.url, headers, payload, signal);
        if (r.status < 200 || r.status > 299) throw new StatusError(r.status, r.body);
        return r;
      });
      status = res.status;
    } catch (e) {
      const err = e as Error;
      if (err instanceof StatusError) status = err.status;
      open = err instanceof BreakerOpenError;
      error = (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message).slice(0, 1000);
    }
    const latencyMs = Math.round(performance.now() - started);
    const success = error === undefined;

    if (success) endpoint.consecutiveFailures = 0;
    else if (!open) endpoint.consecutiveFailures += 1;
    const disable = !success && endpoint.consecutiveFailures >= this.config.webhooks.disableAfterFailures;
    if (!success && !disable) {
      // The retry is queued before the log row: a crash in between loses a log line, not a delivery.
      const delay = nextDeliveryDelay(attempt + 1, { attempts: this.config.webhooks.attempts, baseMs: this.config.webhooks.backoffMs }, open ? this.policy.resetTimeoutMs : 0);
      if (delay !== undefined) await this.outbox.add({ eventId, endpointId, attempt: attempt + 1, replayOf }, delay);
    }
    this.em.create(WebhookDelivery, { endpoint, event, attempt, replay: replayOf !== undefined, requestedAt: now, status, latencyMs, error, success });
    if (disable) {
      endpoint.disabledAt = new Date();
      endpoint.disabledReason = `Disabled after ${endpoint.consecutiveFailures} failed deliveries in a row; last error: ${error}`.slice(0, 500);
    }
    await this.em.flush();
    if (disable) {
      this.logger.warn(`Webhook endpoint ${endpoint.id} (workspace ${endpoint.workspace.id}) disabled: ${endpoint.disabledReason}`);
      await this.audit.record({ action: 'webhook.disabled', target: `webhook:${endpoint.id}`, workspaceId: endpoint.workspace.id, data: { failures: endpoint.consecutiveFailures, lastError: error } });
    }
    return { outcome: success ? 'delivered' : open ? 'breaker-open' : disable ? 'disabled' : 'failed' };
  }

  @OnJob('sweep-webhooks')
  async sweep(): Promise<{ queued: number }> {
    const rows = await select<{ id: string; workspaceId: string; type: string }>(
      this.em.getConnection(),
      `select "id", "workspace_id" as "workspaceId", "type" from "webhook_event" where "enqueued_at" is null and "created_at" < ? order by "created_at" limit 500`,
      [new Date(Date.now() - SWEEP_GRACE_MS)],
    );
    for (const row of rows) await this.outbox.enqueue(this.em, row.id, row.workspaceId, row.type);
    return { queued: rows.length };
  }
}
