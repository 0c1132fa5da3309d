import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { TokensService } from '../auth/tokens.service.js';
import { ClientIp, CurrentUser, InstanceAdmin } from '../auth/decorators.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from '../users/dto/admin-user.dto.js';
import { UsersRepository } from '../users/users.repository.js';
import { toUserView, UsersService, type UserView } from '../users/users.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@InstanceAdmin()
@Controller('api/admin')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  @Get('users')
  @InstanceAdmin()
  @ApiListQuery()
  async list(
    @ListParams({ sortable: UsersRepository.sortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserView[]> {
    const page = await this.users.list(query);
    return sendPage(res, 'users', query, { total: page.total, items: page.items.map(toUserView) });
  }

  @Get('users/:id')
  @InstanceAdmin()
  async get(@Param('id', new UuidPipe('User')) id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @Post('users')
  @InstanceAdmin()
  async create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto, @ClientIp() ip: string): Promise<UserView> {
    return toUserView(await this.users.adminCreate(actor.id, dto, ip));
  }

  @Put('users/:id')
  @InstanceAdmin()
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', new UuidPipe('User')) id: string,
    @Body() dto: UpdateUserDto,
    @ClientIp() ip: string,
  ): Promise<UserView> {
    const user = await this.users.adminUpdate(actor.id, id, dto, ip);
    if (!user.isActive) await this.tokens.revokeAllFor(user.id);
    return toUserView(user);
  }

  @Post('users/:id/reset-password')
  @HttpCode(204)
  @InstanceAdmin()
  async resetPassword(
    @CurrentUser() actor: AuthUser,
    @Param('id', new UuidPipe('User')) id: string,
    @Body() dto: ResetPasswordDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.users.resetPassword(actor.id, id, dto.password, ip);
    await this.tokens.revokeAllFor(id);
  }
}
