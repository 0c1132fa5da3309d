import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { RedisService } from '../redis/redis.service.js';
import { FFMPEG_INFO, decodableFormats, type FfmpegInfo } from '#src/recordings/codec/ffmpeg.js';
import type { BlobStore } from '#src/recordings/storage/blob-store.js';
import { BLOB_STORE } from '#src/recordings/storage/blob-store.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { ASR_PROVIDER, type AsrProvider } from '#src/transcription/asr/asr-provider.js';
import { OidcClientService } from '#src/auth/oidc/oidc-client.service.js';

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
    @Inject(BLOB_STORE) private readonly storage: BlobStore,
  ) {}

  private storageSeen: { at: number; reachable: boolean } | undefined;

  /** Whether the recording store answers, asked at most every 10 s (a bucket request per probe adds up). */
  private async storageReachable(): Promise<boolean> {
    if (this.storageSeen && Date.now() - this.storageSeen.at < 10_000) return this.storageSeen.reachable;
    const reachable = await withTimeout(this.storage.check(), 1500, 'recording storage').then(() => true, () => false);
    this.storageSeen = { at: Date.now(), reachable };
    return reachable;
  }

  /** The ASR provider, in processes that serve sockets (absent in worker-only processes). */
  private asr(): AsrProvider | undefined {
    try {
      return this.modules.get<AsrProvider>(ASR_PROVIDER, { strict: false });
    } catch {
      return undefined;
    }
  }

  private optional<T>(type: new (...args: never[]) => T): T | undefined {
    try {
      return this.modules.get(type, { strict: false });
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
      // Unreachable recording storage breaks keeping and playing recordings, not live transcription: reported, never unready.
      async () => this.indicators.check('storage').up({ kind: this.storage.kind, reachable: await this.storageReachable() }),
      // SSO whose provider is down leaves password sign-in working: reported (discovery retried), never unready.
      () => {
        const oidc = this.optional(OidcClientService);
        oidc?.retryIfStale();
        return this.indicators.check('sso').up(oidc ? { ...oidc.status() } : { configured: false, message: 'not served by this process' });
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
