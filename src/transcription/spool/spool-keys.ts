import type { RedisService } from '#src/redis/redis.service.js';

/** Every Redis key of one session's spool; the `{id}` hash tag keeps them in one cluster slot. */
export interface SpoolKeys {
  audio: string;
  seen: string;
  meta: string;
  lock: string;
  lease: string;
  speakers: string;
  active: string;
}

export function spoolKeys(redis: RedisService, sessionId: string): SpoolKeys {
  const k = (part: string) => redis.key('spool', `{${sessionId}}`, part);
  return {
    audio: k('audio'),
    seen: k('seen'),
    meta: k('meta'),
    lock: k('lock'),
    lease: k('lease'),
    speakers: k('speakers'),
    active: redis.key('spool', 'active'),
  };
}
