import { Injectable } from '@nestjs/common';
import { RedisService } from '#src/redis/redis.service.js';
import { lastAudioKey } from '#src/sessions/session-keys.js';
import { LuaScript } from './lua-script.js';
import { RedisBatch } from '#src/redis/redis-batch.js';
import { spoolKeys, type SpoolKeys } from './spool-keys.js';

/** Keys of a session outlive its last write by this long (a week: resends, nextSeq, late joins). */
const KEY_TTL_MS = 7 * 24 * 3600 * 1000;

/*
 * Atomically: check the streaming lock (one streaming client per session), dedupe by seq, XADD the
 * chunk, remember the seq. Returns the verdict and the current processor lease holder, and for a
 * stored chunk its entry id and the id of the entry before it (so a processor can take the chunk
 * straight from the gateway when it has everything up to that entry).
 */
const APPEND = new LuaScript(
  `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return {'LOCKED', holder} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[7], ARGV[8], 'PX', ARGV[7])
local owner = redis.call('GET', KEYS[5]) or ''
if redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 1 then return {'DUP', owner} end
if redis.call('HEXISTS', KEYS[4], 'ended') == 1 then return {'ENDED', owner} end
if tonumber(ARGV[3]) < tonumber(redis.call('HGET', KEYS[4], 'skipBelow') or '-1') then return {'LATE', owner} end
local max = tonumber(redis.call('HGET', KEYS[4], 'maxSeq') or '-1')
if tonumber(ARGV[3]) > max + 1 + tonumber(ARGV[9]) then return {'AHEAD', owner, tostring(max + 1)} end
local prev = redis.call('HGET', KEYS[4], 'last') or ''
local id = redis.call('XADD', KEYS[3], '*', 's', ARGV[3], 'r', ARGV[4], 'd', ARGV[5])
redis.call('HSET', KEYS[4], 'last', id)
redis.call('SADD', KEYS[2], ARGV[3])
local first = redis.call('HSETNX', KEYS[4], 'started', ARGV[8])
if tonumber(ARGV[3]) > max then redis.call('HSET', KEYS[4], 'maxSeq', ARGV[3]) end
redis.call('SADD', KEYS[6], ARGV[6])
-- The week-long TTLs need no refresh on every chunk: on the first, then every 64th.
if first == 1 or tonumber(ARGV[3]) % 64 == 0 then
  for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
end
if first == 1 then return {'FIRST', owner, id, prev} end
return {'OK', owner, id, prev}
`,
  7,
);

const END = new LuaScript(
  `
if redis.call('HSETNX', KEYS[1], 'ended', ARGV[2]) == 1 then
  redis.call('HSET', KEYS[1], 'last', redis.call('XADD', KEYS[2], '*', 'e', '1'))
  redis.call('SADD', KEYS[3], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return redis.call('HGET', KEYS[1], 'done') or ''
`,
  3,
);

/*
 * The processor gives up a gap in the seqs [ARGV[1], ARGV[2]) only if none of them was stored:
 * from then on APPEND refuses them as LATE, so a chunk is either acked and transcribed, or refused.
 * It looks at whichever is smaller, the gap's seqs or the stored ones: O(min(gap, chunks stored)),
 * so a client that sends seq 5,000,000 after seq 0 cannot make Redis walk five million seqs (APPEND
 * bounds the gap too, by the look-ahead).
 */
const SKIP_GAP = new LuaScript(
  `
local from, to = tonumber(ARGV[1]), tonumber(ARGV[2])
if to - from <= redis.call('SCARD', KEYS[1]) then
  for seq = from, to - 1 do
    if redis.call('SISMEMBER', KEYS[1], seq) == 1 then return 0 end
  end
else
  for _, stored in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    local seq = tonumber(stored)
    if seq >= from and seq < to then return 0 end
  end
end
local below = tonumber(redis.call('HGET', KEYS[2], 'skipBelow') or '-1')
if to > below then redis.call('HSET', KEYS[2], 'skipBelow', ARGV[2]) end
return 1
`,
  2,
);

/** The first owner's answer to "is this session's audio kept?" stands for every later owner (no meta: no spool, nothing to keep). */
const DECIDE_KEEP_AUDIO = new LuaScript(
  `
if redis.call('EXISTS', KEYS[1]) == 0 then return '0' end
redis.call('HSETNX', KEYS[1], 'keepAudio', ARGV[1])
return redis.call('HGET', KEYS[1], 'keepAudio')
`,
  1,
);

const RELEASE_IF_HELD = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
  1,
);

export type AppendVerdict = 'FIRST' | 'OK' | 'DUP' | 'ENDED' | 'LOCKED' | 'LATE' | 'AHEAD';

export interface AppendResult {
  verdict: AppendVerdict;
  /** Processor lease holder ('' when none), or the lock holder for LOCKED. */
  holder: string;
  /** FIRST and OK: the stored entry, and the id of the entry before it ('' for none). */
  entry?: StoredEntry;
  /** AHEAD: the session's next expected seq (highest stored + 1). */
  nextSeq?: number;
}

export interface StoredEntry extends Required<SpoolEntry> {
  prevId: string;
}

export interface SpoolEntry {
  id: string;
  /** Absent on the end marker. */
  chunk?: { seq: number; sampleRate: number; data: Buffer };
}

export interface SpoolMeta {
  maxSeq: number;
  started: boolean;
  ended: boolean;
  done: boolean;
  /** Set by the feeder of a stored recording (its length in ms): the processor transcribes it as a file. */
  fileMs?: number;
  /** A file's processor gave up (e.g. the ASR stayed down): why. Its job retries from the checkpoint. */
  failed?: string;
}

/**
 * The durable audio spool: one Redis stream per session. A chunk is acked to the client only
 * after `append` returned, i.e. after Redis has it (with AOF, after it is on disk).
 */
@Injectable()
export class AudioSpool {
  /** Chunk appends and reads of every session, one pipeline per event-loop turn. */
  private readonly batch: RedisBatch;
  /** Key names per session: built once, not for every chunk. */
  private readonly keyCache = new Map<string, SpoolKeys>();

  constructor(private readonly redis: RedisService) {
    this.batch = new RedisBatch(redis.client);
  }

  keys(sessionId: string): SpoolKeys {
    let keys = this.keyCache.get(sessionId);
    if (!keys) {
      if (this.keyCache.size >= 10_000) this.keyCache.clear();
      keys = spoolKeys(this.redis, sessionId);
      this.keyCache.set(sessionId, keys);
    }
    return keys;
  }

  /**
   * Stores a chunk unless it is a duplicate, late, or more than `lookahead` seqs past the session's
   * next expected seq (AHEAD: refused, so no client can open an unbounded gap).
   */
  async append(
    sessionId: string,
    holder: string,
    limits: { lockTtlMs: number; lookahead: number },
    chunk: { seq: number; sampleRate: number; data: Buffer },
  ): Promise<AppendResult> {
    const k = this.keys(sessionId);
    const [verdict, who, id, prevId] = await APPEND.runBatched<[AppendVerdict, string, string?, string?]>(
      this.batch,
      this.redis.client,
      [k.lock, k.seen, k.audio, k.meta, k.lease, k.active, lastAudioKey(this.redis, sessionId)],
      [holder, limits.lockTtlMs, chunk.seq, chunk.sampleRate, chunk.data, sessionId, KEY_TTL_MS, Date.now(), limits.lookahead],
    );
    if (verdict === 'AHEAD') return { verdict, holder: who, nextSeq: Number(id) };
    return { verdict, holder: who, ...(id !== undefined && { entry: { id, prevId: prevId ?? '', chunk } }) };
  }

  /** Marks the end of the audio (idempotent); returns whether the processor already finished. */
  async end(sessionId: string): Promise<boolean> {
    const k = this.keys(sessionId);
    const done = await END.run<string>(this.redis.client, [k.meta, k.audio, k.active], [sessionId, Date.now(), KEY_TTL_MS]);
    return done !== '';
  }

  /** Gives up the missing seqs [from, to) unless one of them was stored meanwhile (then false: read on). */
  async skipGap(sessionId: string, from: number, to: number): Promise<boolean> {
    const k = this.keys(sessionId);
    return (await SKIP_GAP.run<number>(this.redis.client, [k.seen, k.meta], [from, to])) === 1;
  }

  async releaseLock(sessionId: string, holder: string): Promise<void> {
    await RELEASE_IF_HELD.run(this.redis.client, [this.keys(sessionId).lock], [holder]);
  }

  async meta(sessionId: string): Promise<SpoolMeta> {
    const m = await this.redis.client.hgetall(this.keys(sessionId).meta);
    return {
      maxSeq: m.maxSeq === undefined ? -1 : Number(m.maxSeq),
      started: m.started !== undefined,
      ended: m.ended !== undefined,
      done: m.done !== undefined,
      ...(m.file !== undefined && { fileMs: Number(m.file) }),
      ...(m.failed !== undefined && { failed: m.failed }),
    };
  }

  /** The spool now carries a stored recording of `durationMs` (set before its first chunk). */
  async markFile(sessionId: string, durationMs: number): Promise<void> {
    await this.redis.client.hset(this.keys(sessionId).meta, 'file', durationMs);
  }

  /** A file's processor gave up: no sweep restarts it; its job decides when to try again. */
  async markFailed(sessionId: string, reason: string): Promise<void> {
    const k = this.keys(sessionId);
    await this.redis.client.multi().hset(k.meta, 'failed', reason).srem(k.active, sessionId).exec();
  }

  /** A file's job tries again: the processor may be (re)started by anyone. */
  async reactivate(sessionId: string): Promise<void> {
    const k = this.keys(sessionId);
    await this.redis.client.multi().hdel(k.meta, 'failed').sadd(k.active, sessionId).exec();
  }

  /** Entries after `afterId` ('-' for the start), oldest first. */
  async read(sessionId: string, afterId: string, count: number): Promise<SpoolEntry[]> {
    const start = afterId === '-' ? '-' : `(${afterId}`;
    const key = this.keys(sessionId).audio;
    const rows = await this.batch.run<[Buffer, Buffer[]][]>((p) => p.xrangeBuffer(key, start, '+', 'COUNT', count));
    return rows.map(([id, fields]) => {
      const f: Record<string, Buffer> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i].toString()] = fields[i + 1];
      const entry: SpoolEntry = { id: id.toString() };
      if (f.s && f.d) entry.chunk = { seq: Number(f.s.toString()), sampleRate: Number(f.r.toString()), data: f.d };
      return entry;
    });
  }

  async length(sessionId: string): Promise<number> {
    return this.redis.client.xlen(this.keys(sessionId).audio);
  }

  /** Drops entries before `minId`: their audio is transcribed and persisted (or past the replay checkpoint). */
  async trim(sessionId: string, minId: string): Promise<void> {
    const key = this.keys(sessionId).audio;
    await this.batch.run((p) => p.xtrim(key, 'MINID', minId));
  }

  async saveCheckpoint(sessionId: string, checkpoint: object): Promise<void> {
    const key = this.keys(sessionId).meta;
    await this.batch.run((p) => p.hset(key, 'ck', JSON.stringify(checkpoint)));
  }

  /** Whether the session's audio is archived as it is transcribed: `wanted` unless an earlier owner decided already. */
  async decideKeepAudio(sessionId: string, wanted: boolean): Promise<boolean> {
    return (await DECIDE_KEEP_AUDIO.run<string>(this.redis.client, [this.keys(sessionId).meta], [wanted ? '1' : '0'])) === '1';
  }

  async loadCheckpoint<T>(sessionId: string): Promise<T | undefined> {
    const raw = await this.redis.client.hget(this.keys(sessionId).meta, 'ck');
    return raw ? (JSON.parse(raw) as T) : undefined;
  }

  /** The processor consumed the end marker: the spool's audio is gone, its dedupe set stays until the keys expire. */
  async markDone(sessionId: string): Promise<void> {
    const k = this.keys(sessionId);
    await this.redis.client.multi().hset(k.meta, 'done', Date.now()).del(k.audio).srem(k.active, sessionId).exec();
  }

  /**
   * The audio was handed to the recording store (nothing transcribed it): the stream and the
   * processing state go; the end marker and the dedupe set stay until their TTL, so a late chunk
   * is still refused as ENDED and a resend as DUP.
   */
  async discardAudio(sessionId: string): Promise<void> {
    const k = this.keys(sessionId);
    await this.redis.client.multi().del(k.audio, k.lease, k.lock, k.speakers).hdel(k.meta, 'ck').srem(k.active, sessionId).exec();
  }

  /** Every key of the session: its kept audio is about to be spooled again from the start. */
  async reset(sessionId: string): Promise<void> {
    const k = this.keys(sessionId);
    await this.redis.client.multi().del(k.audio, k.seen, k.meta, k.lock, k.lease, k.speakers).srem(k.active, sessionId).exec();
  }

  activeSessions(): Promise<string[]> {
    return this.redis.client.smembers(this.redis.key('spool', 'active'));
  }

  async forgetActive(sessionId: string): Promise<void> {
    await this.redis.client.srem(this.keys(sessionId).active, sessionId);
  }
}
