import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import type { ListQuery, ListResult } from '#src/common/list-query.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { checkWebhookUrl } from './address-policy.js';
import { WebhookDelivery } from './entities/webhook-delivery.entity.js';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity.js';
import { newSigningSecret, SecretBox } from './secret-box.js';
import { MAX_WEBHOOK_URL_LENGTH, type CreateWebhookDto, type UpdateWebhookDto } from './webhook.dto.js';
import { WebhookOutbox } from './webhook-outbox.js';
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryView, type WebhookView } from '@mina/contract/webhooks';

const toView = (e: WebhookEndpoint): WebhookView => ({
  id: e.id,
  url: e.url,
  description: e.description ?? null,
  events: e.events,
  enabled: e.enabled,
  consecutiveFailures: e.consecutiveFailures,
  disabledAt: e.disabledAt?.toISOString() ?? null,
  disabledReason: e.disabledReason ?? null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const toDeliveryView = (d: WebhookDelivery): WebhookDeliveryView => ({
  id: d.id,
  endpointId: d.endpoint.id,
  webhookId: d.event.id,
  eventType: d.event.type,
  attempt: d.attempt,
  replay: d.replay,
  requestedAt: d.requestedAt.toISOString(),
  status: d.status ?? null,
  latencyMs: d.latencyMs,
  error: d.error ?? null,
  success: d.success,
});

@Injectable()
export class WebhooksService {
  static readonly sortable = ['createdAt', 'url', 'id'];
  private readonly box: SecretBox;

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly outbox: WebhookOutbox,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  private checkUrl(url: string): string {
    const problem = checkWebhookUrl(url.trim(), this.config.webhooks.allowPrivateNetworks, MAX_WEBHOOK_URL_LENGTH);
    if (problem) throw new MinaException(problem.problem, problem.reason);
    return url.trim();
  }

  private checkEvents(events: string[]): string[] {
    const unknown = events.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length > 0) throw new MinaException('WEBHOOK_EVENT_UNKNOWN', `Unknown event type(s): ${unknown.join(', ')}`, { allowed: [...WEBHOOK_EVENT_TYPES] });
    if (events.length === 0) throw new MinaException('WEBHOOK_EVENT_UNKNOWN', 'events must name at least one event type', { allowed: [...WEBHOOK_EVENT_TYPES] });
    return [...new Set(events)];
  }

  private async load(tenant: TenantContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.em.findOne(WebhookEndpoint, { id, workspace: tenant.workspaceId });
    if (!endpoint) throw notFound('Webhook');
    return endpoint;
  }

  async create(tenant: TenantContext, dto: CreateWebhookDto, ip: string): Promise<WebhookView & { secret: string }> {
    const url = this.checkUrl(dto.url);
    const events = this.checkEvents(dto.events);
    const limit = this.config.webhooks.maxPerWorkspace;
    if ((await this.em.count(WebhookEndpoint, { workspace: tenant.workspaceId })) >= limit) {
      throw new MinaException('WEBHOOK_LIMIT', `A workspace may have at most ${limit} webhook endpoints`, { limit });
    }
    const secret = newSigningSecret();
    const endpoint = this.em.create(WebhookEndpoint, {
      workspace: this.em.getReference(Workspace, tenant.workspaceId),
      createdBy: this.em.getReference(User, tenant.userId),
      url,
      events,
      description: dto.description,
      enabled: dto.enabled ?? true,
      secretCipher: this.box.seal(secret),
    });
    await this.em.flush();
    await this.audit.record({ actorId: tenant.userId, ip, action: 'webhook.created', target: `webhook:${endpoint.id}`, workspaceId: tenant.workspaceId, data: { url, events } });
    return { ...toView(endpoint), secret };
  }

  async list(tenant: TenantContext, query: ListQuery): Promise<ListResult<WebhookView>> {
    const [items, total] = await this.em.findAndCount(WebhookEndpoint, { workspace: tenant.workspaceId }, {
      orderBy: { [query.sort.field]: query.sort.order },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items: items.map(toView), total };
  }

  async get(tenant: TenantContext, id: string): Promise<WebhookView> {
    return toView(await this.load(tenant, id));
  }

  async update(tenant: TenantContext, id: string, dto: UpdateWebhookDto, ip: string): Promise<WebhookView> {
    const endpoint = await this.load(tenant, id);
    const changed: string[] = [];
    if (dto.url !== undefined && dto.url.trim() !== endpoint.url) {
      endpoint.url = this.checkUrl(dto.url);
      changed.push('url');
    }
    if (dto.events !== undefined) {
      endpoint.events = this.checkEvents(dto.events);
      changed.push('events');
    }
    if (dto.description !== undefined) {
      endpoint.description = dto.description ?? undefined;
      changed.push('description');
    }
    if (dto.enabled !== undefined) {
      // Turning an endpoint on (again) clears an automatic disable and its failure count.
      if (dto.enabled && (!endpoint.enabled || endpoint.disabledAt)) {
        endpoint.disabledAt = undefined;
        endpoint.disabledReason = undefined;
        endpoint.consecutiveFailures = 0;
      }
      endpoint.enabled = dto.enabled;
      changed.push('enabled');
    }
    await this.em.flush();
    await this.audit.record({ actorId: tenant.userId, ip, action: 'webhook.updated', target: `webhook:${id}`, workspaceId: tenant.workspaceId, data: { changed, url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled } });
    return toView(endpoint);
  }

  async remove(tenant: TenantContext, id: string, ip: string): Promise<void> {
    const endpoint = await this.load(tenant, id);
    this.em.remove(endpoint);
    await this.em.flush();
    await this.audit.record({ actorId: tenant.userId, ip, action: 'webhook.deleted', target: `webhook:${id}`, workspaceId: tenant.workspaceId, data: { url: endpoint.url } });
  }

  async rotate(tenant: TenantContext, id: string, ip: string): Promise<{ id: string; secret: string }> {
    const endpoint = await this.load(tenant, id);
    const secret = newSigningSecret();
    endpoint.secretCipher = this.box.seal(secret);
    await this.em.flush();
    await this.audit.record({ actorId: tenant.userId, ip, action: 'webhook.secret_rotated', target: `webhook:${id}`, workspaceId: tenant.workspaceId });
    return { id, secret };
  }

  async deliveries(tenant: TenantContext, id: string, query: ListQuery): Promise<ListResult<WebhookDeliveryView>> {
    await this.load(tenant, id);
    const [items, total] = await this.em.findAndCount(WebhookDelivery, { endpoint: id }, {
      populate: ['event'],
      orderBy: [{ requestedAt: 'DESC' }, { id: 'DESC' }],
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items: items.map(toDeliveryView), total };
  }

  async replay(tenant: TenantContext, id: string, deliveryId: string, ip: string): Promise<{ queued: true; webhookId: string }> {
    await this.load(tenant, id);
    const delivery = await this.em.findOne(WebhookDelivery, { id: deliveryId, endpoint: id });
    if (!delivery) throw notFound('Delivery');
    await this.outbox.replay(delivery.event.id, id);
    await this.audit.record({ actorId: tenant.userId, ip, action: 'webhook.replayed', target: `webhook:${id}`, workspaceId: tenant.workspaceId, data: { deliveryId, webhookId: delivery.event.id } });
    return { queued: true, webhookId: delivery.event.id };
  }
}
