import { Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import type { RedisService } from '#src/redis/redis.service.js';

type Unsubscribe = (...args: unknown[]) => Promise<unknown>;
type Publish = (channel: string, message: string | Buffer) => Promise<number>;

const logger = new Logger('RedisIoAdapter');

/**
 * Socket.IO's Redis adapter on two connections of our own (under the app's key prefix), so every
 * api process shares rooms. The adapter never handles the rejections of its own calls: Nest closes
 * the io server after Redis has shut down (unsubscribes), and while Redis is down or restarting every
 * broadcast's publish fails. Those calls are made quiet, so a Redis outage cannot surface as an
 * unhandled rejection; the event is lost for other processes only (clients replay finals on join).
 */
export function attachRedisAdapter(server: Server, redis: RedisService): void {
  const pub = redis.duplicate('socket.io-pub');
  const sub = redis.duplicate('socket.io-sub');
  for (const name of ['punsubscribe', 'unsubscribe'] as const) {
    const original = (sub[name] as Unsubscribe).bind(sub);
    (sub as unknown as Record<string, Unsubscribe>)[name] = (...args) => original(...args).catch(() => 0);
  }
  const publish: Publish = pub.publish.bind(pub);
  (pub as unknown as Record<string, Publish>).publish = (channel, message) =>
    publish(channel, message).catch((error: Error) => {
      logger.warn(`Could not publish a socket event to other processes: ${error.message}`);
      return 0;
    });
  server.adapter(createAdapter(pub, sub, { key: redis.key('socket.io') }));
}
