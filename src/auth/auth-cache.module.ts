import { Global, Module } from '@nestjs/common';
import { AuthCacheService } from './auth-cache.service.js';
import { SocketRevoker } from './socket-revoker.service.js';

@Global()
/** What every module may need when credentials or memberships change: forget cached lookups, cut live sockets. */
@Module({ providers: [AuthCacheService, SocketRevoker], exports: [AuthCacheService, SocketRevoker] })
export class AuthCacheModule {}
