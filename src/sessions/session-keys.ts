import type { RedisService } from '#src/redis/redis.service.js';

/**
 * When a session last received audio (epoch ms). The gateway stamps it with every accepted
 * chunk; the abandoned-session sweep finalizes sessions whose stamp is older than its cutoff.
 */
export const lastAudioKey = (redis: RedisService, sessionId: string): string => redis.key('session', sessionId, 'last-audio');
