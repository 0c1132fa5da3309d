import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { expect } from 'vitest';
import { AUDIO_STORE, type AudioStore } from '#src/recordings/audio-store.js';
import { TEST_REDIS_URL, type TestApp } from '../support/test-app.js';
import { finalSegments, loadFixture, until, words, type User } from './transcription-client.js';

/*
 * Issue 13 item 5: a live session's audio is kept once transcribed. The processor archives the
 * 16 kHz audio it transcribes in parts; after finalize a `keep-live-audio` job assembles them into
 * the session's recording. Short parts here, so that a session has many and a takeover overlaps.
 */
export const PART_ENV = { MINA_LIVE_AUDIO_PART_SECONDS: '5' };

export async function sql<T>(app: TestApp, text: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const partRows = (app: TestApp, sessionId: string) => sql<{ start_sample: string }>(app, 'select start_sample from recording_part where session_id = $1', [sessionId]);

/** Waits for the keep job: the recording row there, the part rows gone. */
export async function keptRecording(app: TestApp, sessionId: string) {
  let row: { path: string; format: string; duration_ms: number; sample_rate: number } | undefined;
  await until(
    async () => {
      [row] = await sql<NonNullable<typeof row>>(app, 'select path, format, duration_ms, sample_rate from recording where session_id = $1', [sessionId]);
      return row !== undefined && (await partRows(app, sessionId)).length === 0;
    },
    30_000,
    'the keep-live-audio job',
  );
  return row!;
}

export async function storedPcm(app: TestApp, path: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of app.app.get<AudioStore>(AUDIO_STORE).readPcm(path, 64 * 1024)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** The session's Redis keys: after it is kept, no audio and no processing state; only the dedupe set and the end marker stay (until their TTL). */
export async function spoolKeys(app: TestApp, sessionId: string): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return (await redis.keys(`${app.config.redisPrefix}:spool:{${sessionId}}:*`)).map((k) => k.split(':').at(-1)!).sort();
  } finally {
    redis.disconnect();
  }
}

export function partFiles(app: TestApp, sessionId: string): string[] {
  const dir = join(app.config.recordingsDir, 'parts', sessionId);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * `killed`: a process killed between storing a part's file and listing it leaves that one file
 * behind, unlisted (rows are the truth; see LiveAudioArchiveService): at most one per kill.
 */
export async function expectKeptExactly(app: TestApp, owner: User, sessionId: string, sent: Buffer, killed = 0): Promise<void> {
  const row = await keptRecording(app, sessionId);
  expect(row).toMatchObject({ sample_rate: 16_000, duration_ms: Math.round(sent.length / 32) });
  const pcm = await storedPcm(app, row.path);
  expect(pcm.length).toBe(sent.length);
  expect(pcm.equals(sent)).toBe(true);
  expect(partFiles(app, sessionId).length).toBeLessThanOrEqual(killed);
  expect(await spoolKeys(app, sessionId)).toEqual(['meta', 'seen']);
  const persisted = await finalSegments(app, owner, sessionId);
  expect(words(persisted.map((s) => s.text).join(' '))).toEqual(loadFixture().words);
  expect(new Set(persisted.map((s) => s.seq)).size).toBe(persisted.length);
}

