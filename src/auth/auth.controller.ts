import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, type LoginResult, type RegisterResult } from './auth.service.js';
import type { AuthUser } from './auth-user.js';
import { Authenticated, ClientIp, CurrentUser, Public } from './decorators.js';
import { LoginDto, RefreshDto, RegisterDto } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<LoginResult> {
    return this.auth.login(dto, ip);
  }

  @Post('register')
  @HttpCode(201)
  @Public()
  register(@Body() dto: RegisterDto, @ClientIp() ip: string): Promise<RegisterResult> {
    return this.auth.register(dto, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() dto: RefreshDto, @ClientIp() ip: string): Promise<LoginResult> {
    return this.auth.refresh(dto.refreshToken, ip);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  async logout(@Body() dto: RefreshDto, @ClientIp() ip: string): Promise<void> {
    await this.auth.logout(dto.refreshToken, ip);
  }

  /** Signs the caller out on every device: refresh tokens die, access tokens are refused from now on. */
  @Post('logout-all')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  async logoutAll(@CurrentUser() caller: AuthUser, @ClientIp() ip: string): Promise<void> {
    await this.auth.logoutEverywhere(caller.id, ip);
  }
}
