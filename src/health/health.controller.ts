import { MikroORM } from '@mikro-orm/core';
import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { RedisService } from '../redis/redis.service.js';
import { FFMPEG_INFO, decodableFormats, type FfmpegInfo } from '#src/recordings/codec/ffmpeg.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { ASR_PROVIDER, type AsrProvider } from '#src/transcription/asr/asr-provider.js';

const withTimeout = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** Liveness says the process runs; readiness says it can serve (database and Redis answer). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly orm: MikroORM,
    private readonly redis: RedisService,
    private readonly modules: ModuleRef,
    private readonly breakers: CircuitBreakers,
  ) {}

  /** The ASR provider, in processes that serve sockets (absent in worker-only processes). */
  private asr(): AsrProvider | undefined {
    try {
      return this.modules.get<AsrProvider>(ASR_PROVIDER, { strict: false });
    } catch {
      return undefined;
    }
  }

  /** What boot found of ffmpeg, in processes that load the recordings module. */
  private ffmpeg(): FfmpegInfo | undefined {
    try {
      return this.modules.get<FfmpegInfo>(FFMPEG_INFO, { strict: false });
    } catch {
      return undefined;
    }
  }

  @Get('live')
  @Public()
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const check = this.indicators.check('database');
        try {
          await withTimeout(this.orm.em.getConnection().execute('select 1'), 1500, 'database');
          return check.up();
        } catch (error) {
          return check.down({ message: (error as Error).message.split('\n')[0].slice(0, 200) });
        }
      },
      async () => {
        const check = this.indicators.check('redis');
        try {
          await this.redis.ping(1000);
          return check.up();
        } catch (error) {
          return check.down({ message: (error as Error).message.slice(0, 200) });
        }
      },
      // Unconfigured ASR does not make the process unready; it is reported, never faked.
      () => {
        const asr = this.asr();
        return this.indicators
          .check('asr')
          .up(asr ? { configured: asr.info.configured, provider: asr.info.provider, message: asr.info.message } : { configured: false, message: 'not served by this process' });
      },
      // Without ffmpeg uploads are WAV only: reported, never a reason to be unready.
      () => {
        const ffmpeg = this.ffmpeg();
        return this.indicators
          .check('audioDecoding')
          .up(ffmpeg ? { ffmpeg: ffmpeg.available, version: ffmpeg.version ?? null, formats: decodableFormats(ffmpeg) } : { ffmpeg: false, message: 'not served by this process' });
      },
      // An open breaker degrades the process (fallbacks, retries later) but never makes it unready.
      () => {
        const states = this.breakers.states();
        const open = states.filter((b) => b.state !== 'closed').map((b) => b.name);
        return this.indicators
          .check('breakers')
          .up({ state: open.length > 0 ? 'degraded' : 'ok', open, breakers: Object.fromEntries(states.map((b) => [b.name, b.state])) });
      },
    ]);
  }
}
