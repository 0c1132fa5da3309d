import { Injectable } from '@nestjs/common';
import type { ChainableCommander } from 'ioredis';
import { RedisService } from '#src/redis/redis.service.js';
import { SAMPLING } from './slo.definitions.js';
import { aggregateStep, mergePoints, type ProcessSnapshot, type SeriesPoint } from './series-point.js';

/** MULTI replies carry per-command errors instead of rejecting. */
async function run(tx: ChainableCommander): Promise<void> {
  const replies = await tx.exec();
  const failed = replies?.find(([error]) => error !== null)?.[0];
  if (failed) throw failed;
  if (replies === null) throw new Error('SLO transaction was aborted');
}

/** A counted snapshot of a process not seen for this long is forgotten; if it comes back it counts from zero. */
const FORGET_AFTER_MS = 3_600_000;

/**
 * Every Redis key of the SLO sampler, under `${prefix}:slo:`:
 * `procs` (zset id → last publish), `proc:<id>` (its cumulative snapshot, with a TTL), `counted`
 * (hash id → the snapshot already folded into the series), `step:<t>` (one aggregator per step),
 * `series:1m` and `series:1h` (zsets scored by step start, members are JSON points).
 */
@Injectable()
export class SloSeriesRepository {
  constructor(private readonly redis: RedisService) {}

  private key(...parts: (string | number)[]): string {
    return this.redis.key('slo', ...parts);
  }

  async publish(snapshot: ProcessSnapshot): Promise<void> {
    await run(
      this.redis.client
        .multi()
        .set(this.key('proc', snapshot.id), JSON.stringify(snapshot), 'PX', SAMPLING.snapshotTtlMs)
        .zadd(this.key('procs'), snapshot.at, snapshot.id),
    );
  }

  /** Snapshots of the processes that published within the TTL. */
  async liveSnapshots(now: number): Promise<ProcessSnapshot[]> {
    const procs = this.key('procs');
    await this.redis.client.zremrangebyscore(procs, '-inf', String(now - SAMPLING.snapshotTtlMs));
    const ids = await this.redis.client.zrange(procs, 0, '-1');
    if (ids.length === 0) return [];
    const raw = await this.redis.client.mget(ids.map((id) => this.key('proc', id)));
    return raw.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as ProcessSnapshot);
  }

  /** Claims the aggregation of step `t` for this process; false when another one has it. */
  async claimStep(t: number): Promise<boolean> {
    const ok = await this.redis.client.set(this.key('step', t), '1', 'PX', 2 * SAMPLING.resolutionMs, 'NX');
    return ok === 'OK';
  }

  /**
   * Folds the live snapshots into the point of step `t` and its hourly roll-up, remembers what
   * was counted, and trims what is older than the retention. Call only after `claimStep(t)`.
   */
  async aggregate(t: number, queues: Record<string, number>): Promise<SeriesPoint> {
    const client = this.redis.client;
    const snapshots = await this.liveSnapshots(t);
    const countedRaw = await client.hgetall(this.key('counted'));
    const counted = new Map(
      Object.entries(countedRaw).map(([id, json]) => [id, JSON.parse(json) as ProcessSnapshot]),
    );
    const point = aggregateStep(t, snapshots, counted, queues);

    const hour = Math.floor(t / SAMPLING.rollupMs) * SAMPLING.rollupMs;
    const hourly = this.key('series', '1h');
    const [existing] = await client.zrangebyscore(hourly, hour, hour);
    const rollup = existing
      ? mergePoints(hour, JSON.parse(existing) as SeriesPoint, point)
      : { ...point, t: hour };

    const forgotten = [...counted.values()].filter((s) => s.at < t - FORGET_AFTER_MS).map((s) => s.id);
    const tx = client.multi().zadd(this.key('series', '1m'), t, JSON.stringify(point));
    if (existing) tx.zrem(hourly, existing);
    tx.zadd(hourly, hour, JSON.stringify(rollup));
    if (snapshots.length > 0)
      tx.hset(this.key('counted'), Object.fromEntries(snapshots.map((s) => [s.id, JSON.stringify(s)])));
    if (forgotten.length > 0) tx.hdel(this.key('counted'), ...forgotten);
    tx.zremrangebyscore(this.key('series', '1m'), '-inf', t - SAMPLING.keepMinutesMs);
    tx.zremrangebyscore(hourly, '-inf', t - SAMPLING.keepRollupsMs);
    await run(tx);
    return point;
  }

  /** Stored points with `from ≤ t`, at minute resolution or as hourly roll-ups. */
  async points(resolution: '1m' | '1h', from: number): Promise<SeriesPoint[]> {
    const raw = await this.redis.client.zrangebyscore(this.key('series', resolution), from, '+inf');
    return raw.map((r) => JSON.parse(r) as SeriesPoint);
  }
}
