import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignInRequired } from '#src/auth/api-key-verifier.js';
import type { AuthUser } from '#src/auth/auth-user.js';
import { Authenticated, ClientIp, CurrentUser } from '#src/auth/decorators.js';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import { type ListQuery } from '#src/common/list-query.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { ApiKeysService } from './api-keys.service.js';
import { CreateApiKeyDto } from './dto/api-key.dto.js';
import type * as ApiKeys from '@mina/contract/api-keys';

/** The signed-in user's own API keys. Never with a key: managing keys needs a real sign-in. */
@ApiTags('api-keys')
@ApiBearerAuth()
@SignInRequired()
@Controller('api/me/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** The key belongs to the workspace of X-Workspace-Id; any member may create one, up to their role. */
  @Post()
  @TenantScoped()
  @Can('read', 'Workspace')
  create(@CurrentUser() caller: AuthUser, @Tenant() tenant: TenantContext, @Body() dto: CreateApiKeyDto, @ClientIp() ip: string): Promise<ApiKeys.CreatedApiKeyView<Date>> {
    return this.keys.create(caller, tenant, dto, ip);
  }

  @Get()
  @Authenticated()
  @ApiListQuery()
  async list(
    @CurrentUser() caller: AuthUser,
    @ListParams({ sortable: ApiKeysService.sortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApiKeys.ApiKeyView<Date>[]> {
    return sendPage(res, 'api-keys', query, await this.keys.list(caller, query));
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  async revoke(@CurrentUser() caller: AuthUser, @Param('id', new UuidPipe('API key')) id: string, @ClientIp() ip: string): Promise<void> {
    await this.keys.revoke(caller, id, ip);
  }
}
