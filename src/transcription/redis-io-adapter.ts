import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import type { RedisService } from '#src/redis/redis.service.js';

type Unsubscribe = (...args: unknown[]) => Promise<unknown>;

/**
 * Socket.IO's Redis adapter on two connections of our own (under the app's key prefix), so every
 * api process shares rooms. Nest closes the io server after Redis has shut down, and the adapter
 * then unsubscribes without handling the rejection: those calls are made quiet.
 */
export function attachRedisAdapter(server: Server, redis: RedisService): void {
  const pub = redis.duplicate('socket.io-pub');
  const sub = redis.duplicate('socket.io-sub');
  for (const name of ['punsubscribe', 'unsubscribe'] as const) {
    const original = (sub[name] as Unsubscribe).bind(sub);
    (sub as unknown as Record<string, Unsubscribe>)[name] = (...args) => original(...args).catch(() => 0);
  }
  server.adapter(createAdapter(pub, sub, { key: redis.key('socket.io') }));
}
