import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { CopilotEvent } from '@mina/contract/copilot';
import type { PipelineEventName } from '@mina/contract/pipeline';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { RedisBatch } from '#src/redis/redis-batch.js';
import { RedisService } from '#src/redis/redis.service.js';
import type { SessionStatus } from '#src/sessions/entities/session.entity.js';
import type { ServerToClientEvents, SessionStatusEvent } from '#src/transcription/transcription.events.js';
import { sessionRoom, socketIoKey, TRANSCRIPTION_NAMESPACE, workspaceRoom } from './pipeline-rooms.js';


export interface PipelineEventPayload {
  sessionId: string;
  event: PipelineEventName;
  data?: Record<string, unknown>;
}

/**
 * Emits to Socket.IO rooms from any process (workers have no socket server) through the
 * Redis adapter's channels. Events are notifications: a Redis hiccup is logged, never thrown.
 */
@Injectable()
export class PipelineEvents {
  private readonly logger = new Logger(PipelineEvents.name);
  // Typed by the gateway's event map, so both sides of the socket contract agree.
  private readonly emitter: Emitter<ServerToClientEvents>;

  private warnedAt = 0;

  constructor(redis: RedisService, @Inject(MINA_CONFIG) config: MinaConfig) {
    // Publishes of the same turn of the event loop (many jobs in flight) go out in one pipeline.
    const batch = new RedisBatch(redis.client);
    const publisher = {
      publish: (channel: string, message: string | Buffer) => batch.run<number>((p) => p.publish(channel, message)).catch((error: Error) => this.warn(error)),
    };
    this.emitter = new Emitter<ServerToClientEvents>(publisher, { key: socketIoKey(config.redisPrefix) }).of(TRANSCRIPTION_NAMESPACE);
  }

  /** The emitter does not await its publishes: a failure is logged here (at most every 5 s), never thrown. */
  private warn(error: Error): number {
    if (Date.now() - this.warnedAt >= 5_000) {
      this.warnedAt = Date.now();
      this.logger.warn(`Could not publish pipeline events: ${error.message}`);
    }
    return 0;
  }

  emit(sessionId: string, event: PipelineEventName, data?: Record<string, unknown>): void {
    const payload: PipelineEventPayload = data ? { sessionId, event, data } : { sessionId, event };
    this.emitter.to(sessionRoom(sessionId)).emit('pipeline', payload);
  }

  status(sessionId: string, status: SessionStatus, extra: Pick<SessionStatusEvent, 'progress' | 'error'> = {}): void {
    this.emitter.to(sessionRoom(sessionId)).emit('session:status', { sessionId, status, ...extra });
  }

  /** A live copilot item, to the session's room. */
  copilot(event: CopilotEvent): void {
    this.emitter.to(sessionRoom(event.sessionId)).emit('copilot', event);
  }

  dashboardRefresh(workspaceId: string, sessionId: string): void {
    this.emitter.to(workspaceRoom(workspaceId)).emit('pipeline', { sessionId, event: 'dashboard_refresh' });
  }
}
