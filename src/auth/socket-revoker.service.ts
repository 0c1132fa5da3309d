import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { RedisService } from '#src/redis/redis.service.js';
import { apiKeyRoom, memberRoom, socketIoKey, TRANSCRIPTION_NAMESPACE, userRoom, workspaceRoom } from '#src/transcription/transcription.events.js';

/**
 * Cuts off live sockets when access is taken away or changes (account disabled, password reset,
 * removed from a workspace or given another role in it, workspace deleted): the token was checked at the handshake, so an open socket would otherwise keep
 * streaming and watching. Works from any process through the Socket.IO Redis adapter; the client's
 * reconnect is then refused at the handshake with the reason.
 */
@Injectable()
export class SocketRevoker {
  private readonly logger = new Logger(SocketRevoker.name);
  /** Absent in the ops CLI, which runs without Redis: its password resets still kill the tokens. */
  private readonly emitter: Emitter | undefined;

  constructor(@Inject(MINA_CONFIG) config: MinaConfig, @Optional() redis?: RedisService) {
    if (!redis) return;
    // The emitter does not await its publishes: a Redis failure is logged here, never left unhandled.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        redis.client.publish(channel, message).catch((error: Error) => {
          this.logger.warn(`Could not disconnect revoked sockets: ${error.message}`);
          return 0;
        }),
    };
    this.emitter = new Emitter(publisher, { key: socketIoKey(config.redisPrefix) }).of(TRANSCRIPTION_NAMESPACE);
  }

  /** Every socket of the user, in every workspace. */
  disconnectUser(userId: string): void {
    this.emitter?.in(userRoom(userId)).disconnectSockets(true);
  }

  /** Every socket opened for a workspace (it was deleted). */
  disconnectWorkspace(workspaceId: string): void {
    this.emitter?.in(workspaceRoom(workspaceId)).disconnectSockets(true);
  }

  /** The user's sockets opened for one workspace. */
  disconnectMember(workspaceId: string, userId: string): void {
    this.emitter?.in(memberRoom(workspaceId, userId)).disconnectSockets(true);
  }

  /** Every socket opened with one API key (it was revoked). */
  disconnectApiKey(keyId: string): void {
    this.emitter?.in(apiKeyRoom(keyId)).disconnectSockets(true);
  }
}
