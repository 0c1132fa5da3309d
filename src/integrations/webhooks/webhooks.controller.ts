import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientIp } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import type { ListQuery } from '#src/common/list-query.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { CreateWebhookDto, UpdateWebhookDto } from './webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';
import type { WebhookDeliveryView, WebhookView } from '@mina/contract/webhooks';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Can('read', 'Webhook')
  @ApiListQuery()
  async list(@Tenant() tenant: TenantContext, @ListParams({ sortable: WebhooksService.sortable }) query: ListQuery, @Res({ passthrough: true }) res: Response): Promise<WebhookView[]> {
    return sendPage(res, 'webhooks', query, await this.webhooks.list(tenant, query));
  }

  @Post()
  @Can('create', 'Webhook')
  create(@Tenant() tenant: TenantContext, @Body() dto: CreateWebhookDto, @ClientIp() ip: string): Promise<WebhookView & { secret: string }> {
    return this.webhooks.create(tenant, dto, ip);
  }

  @Get(':id')
  @Can('read', 'Webhook')
  get(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Webhook')) id: string): Promise<WebhookView> {
    return this.webhooks.get(tenant, id);
  }

  @Put(':id')
  @Can('update', 'Webhook')
  update(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Webhook')) id: string, @Body() dto: UpdateWebhookDto, @ClientIp() ip: string): Promise<WebhookView> {
    return this.webhooks.update(tenant, id, dto, ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Webhook')
  async remove(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Webhook')) id: string, @ClientIp() ip: string): Promise<void> {
    await this.webhooks.remove(tenant, id, ip);
  }

  /** A new signing secret, shown once; the old one stops signing at once. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Can('update', 'Webhook')
  rotate(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Webhook')) id: string, @ClientIp() ip: string): Promise<{ id: string; secret: string }> {
    return this.webhooks.rotate(tenant, id, ip);
  }

  @Get(':id/deliveries')
  @Can('read', 'Webhook')
  @ApiListQuery()
  async deliveries(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @ListParams({ sortable: ['requestedAt'], defaultSort: ['requestedAt', 'DESC'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookDeliveryView[]> {
    return sendPage(res, 'deliveries', query, await this.webhooks.deliveries(tenant, id, query));
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @Can('update', 'Webhook')
  replay(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @Param('deliveryId', new UuidPipe('Delivery')) deliveryId: string,
    @ClientIp() ip: string,
  ): Promise<{ queued: true; webhookId: string }> {
    return this.webhooks.replay(tenant, id, deliveryId, ip);
  }
}
