import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Readable } from 'node:stream';
import pg from 'pg';
import { withContext } from '#src/database/with-context.js';
import { AUDIO_STORE, type AudioStore } from '#src/recordings/audio-store.js';
import { RecordingsRepository } from '#src/recordings/recordings.repository.js';
import { RecordingsService } from '#src/recordings/recordings.service.js';
import { createSession, type Member, type PipelineApp } from './pipeline.harness.js';

/**
 * A recording as an upload leaves it once its bytes are decoded (the uploads' tus path does the
 * same): a session with source `upload`, status `queued`, and its PCM in the recording store.
 */
export async function storeUpload(a: PipelineApp, databaseUrl: string, owner: Member, pcm: Buffer, title = 'Recorded kick-off'): Promise<string> {
  const sessionId = await createSession(a.http, owner, title);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`update session set source = 'upload', status = 'queued' where id = $1`, [sessionId]);
  } finally {
    await client.end();
  }
  const store = a.app.get<AudioStore>(AUDIO_STORE);
  const stored = await store.write(sessionId, pieces(pcm, 64 * 1024));
  await withContext(a.app.get(MikroORM), () => a.app.get(RecordingsRepository).save({ id: sessionId, workspaceId: owner.workspaceId }, stored));
  return sessionId;
}

/** Queues the transcription job, as the upload's ingest job does once the recording is stored. */
export async function queueTranscription(app: INestApplication, owner: Member, sessionId: string): Promise<void> {
  await app.get(RecordingsService).start({ id: sessionId, workspaceId: owner.workspaceId });
}

/** The fixture audio repeated `times` times (a longer meeting). */
export function looped(pcm: Buffer, times: number): Buffer {
  return Buffer.concat(Array.from({ length: times }, () => pcm));
}

function pieces(pcm: Buffer, size: number): AsyncIterable<Buffer> {
  const out: Buffer[] = [];
  for (let i = 0; i < pcm.length; i += size) out.push(pcm.subarray(i, Math.min(pcm.length, i + size)));
  return Readable.from(out);
}

export async function sessionRow(databaseUrl: string, sessionId: string): Promise<{ status: string; stats: Record<string, unknown> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; stats: Record<string, unknown> }>('select status, stats from session where id = $1', [sessionId]);
    return rows[0];
  } finally {
    await client.end();
  }
}
