import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService, type LoginResult } from './auth.service.js';
import { ClientIp, Public } from './decorators.js';
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
  register(@Body() dto: RegisterDto, @ClientIp() ip: string): Promise<LoginResult> {
    return this.auth.register(dto, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() dto: RefreshDto): Promise<LoginResult> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }
}
