import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExpireUploadsJob } from '#src/recordings/uploads/expire-uploads.job.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { AUDIO_FORMATS, ffmpeg, makeAudioFormats, type AudioFormatName } from '../support/audio-formats.js';
import { fixtureAudio } from '../support/fixtures.js';
import { createTestDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { encodeMetadata, interruptedPatch, query, seeded, sha256, tusRequest, tusUpload } from './uploads.client.js';

/*
 * Issue 13 item 1: resumable uploads over tus 1.0 with the stock tus-js-client, on a real app
 * (PostgreSQL, Redis, the BullMQ worker in-process) with no speech recognizer configured, so an
 * upload ends `completed` with its audio kept and marked not transcribed.
 */

const SEED = Number(process.env.MINA_TEST_SEED ?? Date.now() % 100_000);
const MAX_BYTES = 16 * 1024 * 1024;
const CONSOLE = 'http://console.example';
const ENV = { MINA_UPLOAD_MAX_BYTES: String(MAX_BYTES), CORS_ORIGINS: CONSOLE };

interface SessionBody {
  id: string;
  status: string;
  source: string;
  title: string;
  stats: { error?: { code: string }; upload?: { progress: number } };
  transcription?: { state: string; reason: string; untranscribedAudioMs: number };
}

describe('resumable uploads (tus)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let owner: SignedIn;
  let stranger: SignedIn;
  let work: string;
  const wav = readFileSync(fixtureAudio('es2002a-2min'));
  const random = seeded(SEED);
  let firstSession: string;
  const prefix = `minatest-up-${SEED}-${process.pid}`;

  const start = () => startTestApp({ databaseUrl: db.url, redisPrefix: prefix, env: ENV });
  const session = async (id: string): Promise<SessionBody> => (await t.http.get(`/api/sessions/${id}`).set(as(owner))).body as SessionBody;
  async function until(id: string, done: (s: SessionBody) => boolean, timeoutMs = 30_000): Promise<SessionBody> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await session(id);
      if (done(s)) return s;
      if (Date.now() > deadline) throw new Error(`session ${id} stayed ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const sessionCount = async () => Number((await query<{ n: string }>(db.url, `select count(*) as n from session where workspace_id = $1`, [owner.workspaceId]))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await start();
    owner = await registerUser(t.url, 'Uploader');
    stranger = await registerUser(t.url, 'Stranger');
    work = mkdtempSync(join(tmpdir(), 'mina-uploads-'));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
    rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  it(`uploads a WAV cut off mid-PATCH at a random byte (seed ${SEED}), resumed from the offset HEAD reports, to completed + not transcribed`, async () => {
    const headers = { ...as(owner), 'Upload-Length': String(wav.length), 'Upload-Metadata': encodeMetadata({ filename: 'kickoff.wav', filetype: 'audio/wav', clientId: 'rec-1', language: 'en' }) };
    const created = await tusRequest(t.url, 'POST', '/api/uploads', headers);
    expect(created.status).toBe(201);
    const path = created.headers.location!;
    expect(path).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
    const cut = 1 + Math.floor(random() * (wav.length - 2));
    await interruptedPatch(t.url, owner, path, 0, wav, cut);
    const head = await tusRequest(t.url, 'HEAD', path, as(owner));
    expect(head.status).toBe(200);
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(cut);
    firstSession = head.headers['mina-session-id'] as string;
    expect(created.headers['mina-session-id']).toBe(firstSession);
    expect((await session(firstSession)).status).toBe('uploading');

    const done = await tusUpload(t.url, owner, wav, { uploadUrl: `${t.url}${path}`, metadata: {} });
    expect(done.error).toBeUndefined();
    expect(done.sessionId).toBe(firstSession);

    const finished = await until(firstSession, (s) => s.status === 'completed');
    expect(finished).toMatchObject({ source: 'upload', title: 'kickoff', transcription: { state: 'not_transcribed', reason: 'NO_ASR' } });
    expect(finished.transcription!.untranscribedAudioMs).toBeGreaterThan(110_000);
    const [upload] = await query<{ state: string; sha256: string }>(db.url, 'select state, sha256 from upload where session_id = $1', [firstSession]);
    expect(upload).toEqual({ state: 'stored', sha256: sha256(wav) });
    const [recording] = await query<{ path: string; duration_ms: number }>(db.url, 'select path, duration_ms from recording where session_id = $1', [firstSession]);
    expect(recording.duration_ms).toBeGreaterThan(110_000);
    expect(existsSync(join(t.config.recordingsDir, recording.path))).toBe(true);
    expect(existsSync(join(t.config.uploadsDir, path.split('/').pop()!))).toBe(false);
  });

  it('resumes an upload after the server restarts on the same data directory', async () => {
    // Other bytes than the first upload's (a changed tail), so this is a recording of its own.
    const other = Buffer.from(wav);
    other.writeUInt32LE(0x01020304, other.length - 8);
    const cut = 1 + Math.floor(random() * (other.length - 2));
    const part = await tusUpload(t.url, owner, other, { metadata: { filename: 'restart.wav', clientId: 'rec-restart' }, stopAfterBytes: cut });
    expect(part.url).toBeTruthy();
    await t.close();
    t = await start();
    const path = new URL(part.url!).pathname;
    const head = await tusRequest(t.url, 'HEAD', path, as(owner));
    expect(Number(head.headers['upload-offset'])).toBe(cut);
    const done = await tusUpload(t.url, owner, other, { uploadUrl: `${t.url}${path}`, metadata: {} });
    expect(done.error).toBeUndefined();
    expect(done.sessionId).toBe(head.headers['mina-session-id']);
    expect(done.sessionId).not.toBe(firstSession);
    await until(done.sessionId!, (s) => s.status === 'completed');
    const [upload] = await query<{ sha256: string }>(db.url, 'select sha256 from upload where id = $1', [path.split('/').pop()]);
    expect(upload.sha256).toBe(sha256(other));
  }, 60_000);

  it('refuses bad metadata (400), oversized files (413) and uploads past the in-flight limit (429) with JSON codes', async () => {
    const create = (meta: Record<string, string>, length = 1000, who = owner) =>
      tusRequest(t.url, 'POST', '/api/uploads', { ...as(who), 'Upload-Length': String(length), ...(Object.keys(meta).length > 0 ? { 'Upload-Metadata': encodeMetadata(meta) } : {}) });
    for (const meta of [{} as Record<string, string>, { filename: 'a\u0000.wav' }, { filename: 'a.wav', language: 'not a language' }, { filename: 'a.wav', meetingId: 'x' }, { filename: 'a.wav', meetingId: '7d0c0a4e-1b7a-4c59-9a43-9f2f59a1f0a1' }]) {
      const answer = await create(meta);
      expect(answer.status, JSON.stringify(meta)).toBe(400);
      expect(answer.headers['content-type']).toMatch(/application\/json/);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'UPLOAD_METADATA_INVALID' });
    }
    const big = await create({ filename: 'big.wav' }, MAX_BYTES + 1);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'UPLOAD_TOO_LARGE' });

    const busy = await registerUser(t.url, 'Busy');
    for (let i = 0; i < 3; i++) expect((await create({ filename: `${i}.wav` }, 1000, busy)).status).toBe(201);
    const fourth = await create({ filename: '3.wav' }, 1000, busy);
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.body)).toMatchObject({ code: 'UPLOAD_LIMIT', details: { scope: 'user', limit: 3 } });
  });

  it('asks for sign-in (401) and hides uploads from other workspaces (404 on HEAD and PATCH)', async () => {
    const anonymous = await tusRequest(t.url, 'POST', '/api/uploads', { 'Upload-Length': '10', 'Upload-Metadata': encodeMetadata({ filename: 'a.wav' }) });
    expect(anonymous.status).toBe(401);
    const created = await tusRequest(t.url, 'POST', '/api/uploads', { ...as(owner), 'Upload-Length': '10', 'Upload-Metadata': encodeMetadata({ filename: 'mine.wav' }) });
    const path = created.headers.location!;
    expect((await tusRequest(t.url, 'HEAD', path, as(stranger))).status).toBe(404);
    const patch = await tusRequest(t.url, 'PATCH', path, { ...as(stranger), 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, Buffer.alloc(10));
    expect(patch.status).toBe(404);
    expect(JSON.parse(patch.body)).toMatchObject({ code: 'NOT_FOUND' });
    // Cancelling leaves nothing: neither the upload's file nor its session.
    const id = path.split('/').pop()!;
    const sessionId = (await tusRequest(t.url, 'HEAD', path, as(owner))).headers['mina-session-id'] as string;
    expect((await tusRequest(t.url, 'DELETE', path, as(owner))).status).toBe(204);
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.http.get(`/api/sessions/${sessionId}`).set(as(owner))).status).toBe(404);
    expect(existsSync(join(t.config.uploadsDir, id))).toBe(false);
  });

  it('never makes a second session for a clientId or for the same content, and /check says where the recording is', async () => {
    const before = await sessionCount();
    const again = await tusRequest(t.url, 'POST', '/api/uploads', { ...as(owner), 'Upload-Length': String(wav.length), 'Upload-Metadata': encodeMetadata({ filename: 'kickoff.wav', clientId: 'rec-1' }) });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({ code: 'ALREADY_UPLOADED', details: { sessionId: firstSession, status: 'completed' } });

    const copy = await tusUpload(t.url, owner, wav, { metadata: { filename: 'copy-of-kickoff.wav', clientId: 'rec-copy' } });
    expect(copy.error).toBeUndefined();
    expect(copy.sessionId).toBe(firstSession);
    expect((await tusRequest(t.url, 'HEAD', new URL(copy.url!).pathname, as(owner))).headers['mina-session-id']).toBe(firstSession);
    expect(await sessionCount()).toBe(before);

    const byClient = await t.http.get('/api/uploads/check').query({ clientId: 'rec-copy' }).set(as(owner));
    expect(byClient.body).toMatchObject({ exists: true, sessionId: firstSession, status: 'completed', uploadState: 'duplicate' });
    expect((await t.http.get('/api/uploads/check').query({ sha256: sha256(wav) }).set(as(owner))).body).toMatchObject({ exists: true, sessionId: firstSession });
    expect((await t.http.get('/api/uploads/check').query({ clientId: 'never-sent' }).set(as(owner))).body).toEqual({ exists: false });
    expect((await t.http.get('/api/uploads/check').query({ clientId: 'rec-1' }).set(as(stranger))).body).toEqual({ exists: false });
    expect((await t.http.get('/api/uploads/check').set(as(owner))).status).toBe(400);
    // An unfinished upload under the key: resumed at its URL, not started again.
    const meta = { filename: 'later.wav', clientId: 'rec-later' };
    const part = await tusUpload(t.url, owner, wav, { metadata: meta, stopAfterBytes: 1000 });
    const unfinished = await tusRequest(t.url, 'POST', '/api/uploads', { ...as(owner), 'Upload-Length': String(wav.length), 'Upload-Metadata': encodeMetadata(meta) });
    expect(unfinished.status).toBe(409);
    expect(JSON.parse(unfinished.body)).toMatchObject({ code: 'ALREADY_UPLOADED', details: { uploadState: 'uploading', uploadUrl: new URL(part.url!).pathname, offset: 1000 } });
  });

  it('puts a file that is not audio in error NOT_AUDIO, and stores every format people record in (WAV, MP3, M4A/AAC, OGG/Opus, WebM/Opus, FLAC; mono or stereo, 8–48 kHz)', async () => {
    const text = Buffer.from('These are meeting notes, not a recording.\n'.repeat(200));
    const notAudio = await tusUpload(t.url, owner, text, { metadata: { filename: 'notes.mp3' } });
    expect(notAudio.error).toBeUndefined();
    const refused = await until(notAudio.sessionId!, (s) => s.status === 'error');
    expect(refused.stats.error).toMatchObject({ code: 'NOT_AUDIO' });

    const { files } = await makeAudioFormats(work, 10);
    // Re-tagged: the 16 kHz FLAC would otherwise be byte for byte the FLAC Mina kept of the 16 kHz WAV, and resolve to its session.
    await ffmpeg(['-i', files.flac, '-c', 'copy', '-metadata', 'title=flac upload', join(work, 'tagged.flac')]);
    files.flac = join(work, 'tagged.flac');
    for (const [name, file] of Object.entries(files) as [AudioFormatName, string][]) {
      const filename = `clip-${name}.${AUDIO_FORMATS[name].ext}`;
      const sent = await tusUpload(t.url, owner, readFileSync(file), { metadata: { filename, title: name } });
      expect([name, sent.error]).toEqual([name, undefined]);
      const done = await until(sent.sessionId!, (s) => s.status === 'completed' || s.status === 'error');
      expect([name, done.status, done.title]).toEqual([name, 'completed', name]);
      const [recording] = await query<{ duration_ms: number }>(db.url, 'select duration_ms from recording where session_id = $1', [sent.sessionId]);
      // Encoders pad a little (AAC, Opus priming): within 100 ms of the 10 s cut.
      expect([name, Math.abs(recording.duration_ms - 10_000) < 100]).toEqual([name, true]);
    }
  }, 120_000);

  it('expires an upload that received nothing for MINA_UPLOAD_EXPIRE_HOURS: session error UPLOAD_EXPIRED, HEAD 410', async () => {
    const part = await tusUpload(t.url, owner, wav, { metadata: { filename: 'abandoned.wav' }, stopAfterBytes: 4096 });
    const path = new URL(part.url!).pathname;
    const sessionId = (await tusRequest(t.url, 'HEAD', path, as(owner))).headers['mina-session-id'] as string;
    await query(db.url, `update upload set updated_at = now() - interval '25 hours' where id = $1`, [path.split('/').pop()]);
    expect((await t.app.get(ExpireUploadsJob).sweep()).expired).toBeGreaterThanOrEqual(1);
    expect((await session(sessionId)).stats.error).toMatchObject({ code: 'UPLOAD_EXPIRED' });
    expect((await session(sessionId)).status).toBe('error');
    expect((await tusRequest(t.url, 'HEAD', path, as(owner))).status).toBe(410);
    expect(existsSync(join(t.config.uploadsDir, path.split('/').pop()!))).toBe(false);
  });

  it('lets the console (a CORS origin) send tus headers and read the answers', async () => {
    const preflight = await request(t.url)
      .options('/api/uploads')
      .set('Origin', CONSOLE)
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization,x-workspace-id,tus-resumable,upload-length,upload-metadata,upload-offset,content-type');
    expect(preflight.status).toBe(204);
    for (const header of ['tus-resumable', 'upload-length', 'upload-metadata', 'upload-offset']) expect(preflight.headers['access-control-allow-headers'].toLowerCase()).toContain(header);
    expect(preflight.headers['access-control-allow-methods']).toContain('PATCH');
    const created = await tusRequest(t.url, 'POST', '/api/uploads', { ...as(owner), Origin: CONSOLE, 'Upload-Length': '10', 'Upload-Metadata': encodeMetadata({ filename: 'cors.wav' }) });
    expect(created.headers['access-control-allow-origin']).toBe(CONSOLE);
    for (const header of ['location', 'upload-offset', 'tus-resumable', 'mina-session-id']) expect(String(created.headers['access-control-expose-headers']).toLowerCase()).toContain(header);
  });
});
