import { Global, Module } from '@nestjs/common';
import { RedisService } from './redis.service.js';
import { WindowCounters } from './window-counters.js';

@Global()
@Module({ providers: [RedisService, WindowCounters], exports: [RedisService, WindowCounters] })
export class RedisModule {}
