import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AdminApiModule } from './admin-api/admin-api.module.js';
import { AskModule } from './ask/ask.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthCacheModule } from './auth/auth-cache.module.js';
import { BackupsModule } from './backups/backups.module.js';
import { AuthModule } from './auth/auth.module.js';
import { OidcModule } from './auth/oidc/oidc.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { AuthzModule } from './authz/authz.module.js';
import { PoliciesGuard } from './authz/policies.guard.js';
import { TenantGuard } from './authz/tenant.guard.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { ConfigModule, MINA_CONFIG } from './config/config.module.js';
import { type MinaConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { ApiKeysModule } from './integrations/api-keys/api-keys.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ExportsModule } from './integrations/exports/exports.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { PipelineModule } from './pipeline/pipeline.module.js';
import { RecordingsCoreModule } from './recordings/recordings-core.module.js';
import { RecordingsModule } from './recordings/recordings.module.js';
import { PlaybackModule } from './recordings/playback/playback.module.js';
import { LiveAudioModule } from './recordings/live-audio/live-audio.module.js';
import { RecordingStorageModule } from './recordings/storage/recording-storage.module.js';
import { TranscriptionModule } from './transcription/transcription.module.js';
import { loggerOptions } from './observability/logger.options.js';
import { RedisModule } from './redis/redis.module.js';
import { ResilienceModule } from './resilience/resilience.module.js';
import { RedisService } from './redis/redis.service.js';
import { RetentionModule } from './retention/retention.module.js';
import { RetentionApiModule } from './retention/retention-api.module.js';
import { TranscriptImportModule } from './recordings/import/transcript-import.module.js';
import { UploadsModule } from './recordings/uploads/uploads.module.js';
import { ResilientThrottlerStorage } from './redis/resilient-throttler.storage.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { SloModule } from './slo/slo.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { UsersModule } from './users/users.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';
import { WebhooksModule } from './integrations/webhooks/webhooks.module.js';

const ADMIN_ASSET_CACHE = 'public, max-age=31536000, immutable';

function adminConsole(config: MinaConfig): DynamicModule[] {
  if (!existsSync(join(config.adminDistDir, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: config.adminDistDir,
      serveRoot: '/admin',
      serveStaticOptions: {
        index: 'index.html',
        setHeaders: (res: ServerResponse, path: string) => {
          // Vite fingerprints everything under assets/; index.html must be revalidated to pick up new builds.
          res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? ADMIN_ASSET_CACHE : 'no-cache');
        },
      },
    }),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const serving = config.role !== 'worker';
    const features: (Type | DynamicModule)[] = serving
      ? [AuthModule, AuthzModule, UsersModule, WorkspacesModule, MeetingsModule, SessionsModule, TranscriptImportModule, TasksModule, AdminApiModule, TranscriptionModule, RecordingsModule, PlaybackModule, OidcModule, RetentionApiModule, ExportsModule, AskModule, ...adminConsole(config)]
      : // Workers serve no HTTP: only what runs recordings' jobs (transcription through the audio path).
        [RecordingsCoreModule];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule.forRoot(config),
        RedisModule,
        AuditModule,
        AuthCacheModule,
        ObservabilityModule,
        HealthModule,
        ThrottlerModule.forRootAsync({
          inject: [MINA_CONFIG, RedisService],
          useFactory: (cfg: MinaConfig, redis: RedisService) => ({
            throttlers: [{ name: 'api', ttl: 60_000, limit: cfg.apiRateLimitPerMinute }],
            storage: new ResilientThrottlerStorage(redis),
            skipIf: (ctx) => {
              const url = ctx.switchToHttp().getRequest<{ url?: string }>().url ?? '';
              return url.startsWith('/health') || url.startsWith('/metrics');
            },
          }),
        }),
        ResilienceModule,
        JobsModule.forRoot(config),
        PipelineModule.forRoot(config),
        SloModule.forRoot(config),
        BackupsModule.forRoot(config),
        UploadsModule.forRoot(config),
        RecordingStorageModule,
        WebhooksModule.forRoot(config),
        // The retention jobs and providers (RetentionApiModule imports them too; only job workers run the jobs).
        ...(config.role !== 'api' ? [RetentionModule] : []),
        ...features,
        ...(serving ? [ApiKeysModule] : []),
        ...(config.role === 'api' ? [] : [LiveAudioModule]),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        ...(serving
          ? [
              { provide: APP_GUARD, useClass: JwtAuthGuard },
              { provide: APP_GUARD, useClass: TenantGuard },
              { provide: APP_GUARD, useClass: PoliciesGuard },
            ]
          : []),
      ],
    };
  }
}
