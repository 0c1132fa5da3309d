import { Inject, Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Namespace } from 'socket.io';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { RedisService } from '#src/redis/redis.service.js';
import {
  sessionRoom,
  socketIoKey,
  TRANSCRIPTION_NAMESPACE,
  type ClientToServerEvents,
  type SegmentEvent,
  type ServerToClientEvents,
  type SessionStatusEvent,
} from './transcription.events.js';

/**
 * Emits to session rooms through the gateway's namespace (and so, via the Redis adapter, to every
 * api process); a `worker` process has no gateway and publishes on the adapter's Redis channels.
 */
@Injectable()
export class TranscriptionEvents {
  private nsp: Namespace<ClientToServerEvents, ServerToClientEvents> | undefined;
  private emitter: Emitter<ServerToClientEvents> | undefined;

  constructor(
    private readonly redis: RedisService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  bind(nsp: Namespace<ClientToServerEvents, ServerToClientEvents>): void {
    this.nsp = nsp;
  }

  segment(event: SegmentEvent): void {
    this.room(event.sessionId).emit('segment', event);
  }

  status(event: SessionStatusEvent): void {
    this.room(event.sessionId).emit('session:status', event);
  }

  private room(sessionId: string) {
    if (this.nsp) return this.nsp.to(sessionRoom(sessionId));
    this.emitter ??= new Emitter<ServerToClientEvents>(this.redis.client, { key: socketIoKey(this.config.redisPrefix) }).of(TRANSCRIPTION_NAMESPACE);
    return this.emitter.to(sessionRoom(sessionId));
  }
}
