import { MikroORM } from '@mikro-orm/core';
import fc from 'fast-check';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_STORE, type AudioStore, type StoredAudio } from '#src/recordings/audio-store.js';
import { AudioUrlSigner } from '#src/recordings/playback/audio-url-signer.js';
import { RecordingsRepository } from '#src/recordings/recordings.repository.js';
import { encodePcm16 } from '#src/transcription/audio/pcm.js';
import { parseWav } from '#src/transcription/audio/wav.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The fixture meeting as the PCM a recording is made of, in the pieces a stream would bring. */
function* loopedPcm(times: number): Generator<Buffer> {
  for (let i = 0; i < times; i++) yield* fixturePcm();
}

function* fixturePcm(): Generator<Buffer> {
  const pcm = encodePcm16(parseWav(readFileSync(fixtureAudio('es2002a-2min'))).samples);
  for (let i = 0; i < pcm.length; i += 64 * 1024) yield pcm.subarray(i, i + 64 * 1024);
}

describe('playback: GET /api/sessions/:id/audio, audio-url, audio/metadata', () => {
  let t: TestApp;
  let owner: SignedIn;
  let outsider: SignedIn;
  let store: AudioStore;
  /** Session A and B have recordings; `file` is A's stored bytes. */
  let a: string;
  let b: string;
  let stored: StoredAudio;
  let file: Buffer;

  const api = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${t.url}${path}`, { method, headers });
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
  const json = async (res: Response) => (await res.json()) as { code: string; message: string; details?: { reason?: string } };
  const newSession = async (user: SignedIn) => {
    const res = await t.http.post('/api/sessions').set(as(user)).send({ title: 'played back' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const record = async (sessionId: string, user: SignedIn) => {
    const audio = await store.write(sessionId, Readable.from(fixturePcm()) as AsyncIterable<Buffer>);
    await t.app.get(RecordingsRepository).save({ id: sessionId, workspaceId: user.workspaceId }, audio);
    return audio;
  };
  const sql = (query: string, params: unknown[]) => t.app.get(MikroORM).em.getConnection().execute(query, params);

  beforeAll(async () => {
    t = await startTestApp();
    [owner, outsider] = await Promise.all([registerUser(t.url, 'Owner'), registerUser(t.url, 'Outsider')]);
    store = t.app.get<AudioStore>(AUDIO_STORE);
    a = await newSession(owner);
    b = await newSession(owner);
    stored = await record(a, owner);
    await record(b, owner);
    file = readFileSync(join(t.config.recordingsDir, stored.path));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('serves the whole recording byte for byte, with its validators', async () => {
    const res = await api(`/api/sessions/${a}/audio`, as(owner));
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-type')).toBe(stored.contentType);
    expect(res.headers.get('content-length')).toBe(String(file.length));
    expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(new Date(res.headers.get('last-modified') ?? '').getTime()).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const body = await bytes(res);
    expect(body.equals(file)).toBe(true);
    expect(file.length).toBe(stored.sizeBytes);
  });

  it('answers any single range byte for byte (start-end, suffix, open end)', async () => {
    const size = file.length;
    const spec = fc.oneof(
      fc.tuple(fc.nat(size - 1), fc.nat(size + 5000)).filter(([s, e]) => e >= s).map(([s, e]) => ({ header: `bytes=${s}-${e}`, start: s, end: Math.min(e, size - 1) })),
      fc.integer({ min: 1, max: size + 5000 }).map((n) => ({ header: `bytes=-${n}`, start: Math.max(0, size - n), end: size - 1 })),
      fc.nat(size - 1).map((s) => ({ header: `bytes=${s}-`, start: s, end: size - 1 })),
    );
    await fc.assert(
      fc.asyncProperty(spec, async ({ header, start, end }) => {
        const res = await api(`/api/sessions/${a}/audio`, { ...as(owner), Range: header });
        expect(res.status).toBe(206);
        expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
        expect(res.headers.get('content-length')).toBe(String(end - start + 1));
        expect((await bytes(res)).equals(file.subarray(start, end + 1))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('answers several ranges with the one range from the first byte asked to the last', async () => {
    const res = await api(`/api/sessions/${a}/audio`, { ...as(owner), Range: 'bytes=100-109, 0-9, 5000-5009' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-5009/${file.length}`);
    expect((await bytes(res)).equals(file.subarray(0, 5010))).toBe(true);
  });

  it.each([
    ['a start at the end of the file', (size: number) => `bytes=${size}-`],
    ['a range past the end', (size: number) => `bytes=${size + 10}-${size + 20}`],
    ['an empty suffix', () => 'bytes=-0'],
    ['a last byte before the first', () => 'bytes=500-100'],
    ['garbage', () => 'bytes=abc'],
    ['no unit', () => '0-100'],
  ])('refuses %s with 416 and the file size', async (_name, header) => {
    const res = await api(`/api/sessions/${a}/audio`, { ...as(owner), Range: header(file.length) });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${file.length}`);
    expect((await json(res)).code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('ignores a Range in another unit (the whole file)', async () => {
    const res = await api(`/api/sessions/${a}/audio`, { ...as(owner), Range: 'items=0-5' });
    expect(res.status).toBe(200);
    expect((await bytes(res)).length).toBe(file.length);
  });

  it('answers 304 to a current ETag or date, and honours If-Range only while the copy is current', async () => {
    const first = await api(`/api/sessions/${a}/audio`, { ...as(owner), Range: 'bytes=0-0' });
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    await first.arrayBuffer();

    const cached = await api(`/api/sessions/${a}/audio`, { ...as(owner), 'If-None-Match': `"other", ${etag}` });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect((await bytes(cached)).length).toBe(0);
    expect((await api(`/api/sessions/${a}/audio`, { ...as(owner), 'If-None-Match': `W/${etag}` })).status).toBe(304);
    expect((await api(`/api/sessions/${a}/audio`, { ...as(owner), 'If-Modified-Since': lastModified })).status).toBe(304);
    const stale = await api(`/api/sessions/${a}/audio`, { ...as(owner), 'If-None-Match': '"other"', 'If-Modified-Since': lastModified });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    const older = await api(`/api/sessions/${a}/audio`, { ...as(owner), 'If-Modified-Since': new Date(Date.parse(lastModified) - 60_000).toUTCString() });
    expect(older.status).toBe(200);
    await older.arrayBuffer();

    const partial = (ifRange: string) => api(`/api/sessions/${a}/audio`, { ...as(owner), Range: 'bytes=10-19', 'If-Range': ifRange });
    const same = await partial(etag);
    expect(same.status).toBe(206);
    expect((await bytes(same)).equals(file.subarray(10, 20))).toBe(true);
    expect((await partial(lastModified)).status).toBe(206);
    const changed = await partial('"an-older-version"');
    expect(changed.status).toBe(200);
    expect((await bytes(changed)).equals(file)).toBe(true);
    const weak = await partial(`W/${etag}`);
    expect(weak.status).toBe(200);
    await weak.arrayBuffer();
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const whole = await api(`/api/sessions/${a}/audio`, as(owner), 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(file.length));
    expect((await bytes(whole)).length).toBe(0);
    const part = await api(`/api/sessions/${a}/audio`, { ...as(owner), Range: 'bytes=-100' }, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${file.length - 100}-${file.length - 1}/${file.length}`);
  });

  it('closes the file as soon as a client stops reading midway', async () => {
    // Long enough (20 minutes) that socket buffers cannot take the whole file while the client pauses.
    const long = await newSession(owner);
    const longStored = await store.write(long, Readable.from(loopedPcm(10)) as AsyncIterable<Buffer>);
    await t.app.get(RecordingsRepository).save({ id: long, workspaceId: owner.workspaceId }, longStored);
    const path = join(t.config.recordingsDir, longStored.path);
    const openOnFile = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;
    const before = openOnFile();
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${t.url}/api/sessions/${long}/audio`, { headers: as(owner) }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(res.statusCode).toBe(200);
    await new Promise((resolve) => res.once('data', resolve));
    res.pause();
    // Stalled on backpressure: the server holds the file open while it waits for us.
    await sleep(100);
    expect(openOnFile()).toBe(before + 1);
    res.destroy();
    const deadline = Date.now() + 3000;
    while (openOnFile() > before && Date.now() < deadline) await sleep(25);
    expect(openOnFile()).toBe(before);
  });

  describe('signed URLs for <audio>', () => {
    const signedFor = async (sessionId: string) => {
      const res = await t.http.post(`/api/sessions/${sessionId}/audio-url`).set(as(owner));
      expect(res.status).toBe(200);
      return res.body as { url: string; expiresAt: string };
    };

    it('plays without any header until it expires, ranges included', async () => {
      const before = Date.now();
      const { url, expiresAt } = await signedFor(a);
      expect(url).toMatch(new RegExp(`^/api/sessions/${a}/audio\\?`));
      const ttlMs = Date.parse(expiresAt) - before;
      expect(ttlMs).toBeGreaterThan(t.config.audioUrlTtlSeconds * 1000 - 2000);
      // Expiry is in whole seconds: up to one second later than `before` + TTL when the second turned meanwhile.
      expect(ttlMs).toBeLessThanOrEqual(t.config.audioUrlTtlSeconds * 1000 + 1000);
      const whole = await fetch(`${t.url}${url}`);
      expect(whole.status).toBe(200);
      expect((await bytes(whole)).equals(file)).toBe(true);
      const part = await fetch(`${t.url}${url}`, { headers: { Range: 'bytes=44-1043' } });
      expect(part.status).toBe(206);
      expect((await bytes(part)).equals(file.subarray(44, 1044))).toBe(true);
    });

    it('refuses an expired, tampered or borrowed URL with 403 AUDIO_URL_INVALID', async () => {
      const { url } = await signedFor(a);
      const q = new URL(url, t.url).searchParams;
      const signer = t.app.get(AudioUrlSigner);
      const grant = { sessionId: a, workspaceId: owner.workspaceId, userId: owner.userId };
      const query = (over: Record<string, string>) => new URLSearchParams({ ...Object.fromEntries(q), ...over }).toString();
      const past = new Date(Date.now() - 1000);
      const sig = q.get('sig') ?? '';
      const cases: [string, string][] = [
        ['expired', `/api/sessions/${a}/audio?${query({ expires: String(Math.floor(past.getTime() / 1000)), sig: signer.sign(grant, past) })}`],
        ['changed signature', `/api/sessions/${a}/audio?${query({ sig: `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}` })}`],
        ['later expiry', `/api/sessions/${a}/audio?${query({ expires: String(Number(q.get('expires')) + 3600) })}`],
        ['another session', `/api/sessions/${b}/audio?${query({})}`],
        ['another workspace', `/api/sessions/${a}/audio?${query({ workspaceId: outsider.workspaceId })}`],
        ['another user', `/api/sessions/${a}/audio?${query({ userId: outsider.userId })}`],
        ['no signature', `/api/sessions/${a}/audio?${query({ sig: '' })}`],
      ];
      for (const [name, path] of cases) {
        const res = await fetch(`${t.url}${path}`);
        expect([name, res.status]).toEqual([name, 403]);
        const body = await json(res);
        expect([name, body.code]).toEqual([name, 'AUDIO_URL_INVALID']);
        if (name === 'expired') expect(body.message).toMatch(/expired/);
      }
    });

    it('refuses a validly signed URL once its user cannot read the workspace', async () => {
      const expires = new Date(Date.now() + 60_000);
      const grant = { sessionId: a, workspaceId: owner.workspaceId, userId: outsider.userId };
      const query = new URLSearchParams({ workspaceId: grant.workspaceId, userId: grant.userId, expires: String(Math.floor(expires.getTime() / 1000)), sig: t.app.get(AudioUrlSigner).sign(grant, expires) });
      const res = await fetch(`${t.url}/api/sessions/${a}/audio?${query.toString()}`);
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('AUDIO_URL_INVALID');
    });

    it('still wants a Bearer without a signature', async () => {
      const res = await fetch(`${t.url}/api/sessions/${a}/audio`);
      expect(res.status).toBe(401);
    });
  });

  it('hides every route from a member of another workspace (404)', async () => {
    for (const headers of [as(outsider), as(outsider, owner.workspaceId)]) {
      const audio = await api(`/api/sessions/${a}/audio`, headers);
      const url = await t.http.post(`/api/sessions/${a}/audio-url`).set(headers);
      const meta = await t.http.get(`/api/sessions/${a}/audio/metadata`).set(headers);
      expect([audio.status, url.status, meta.status]).toEqual([404, 404, 404]);
      expect([(await json(audio)).code, url.body.code, meta.body.code]).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    }
  });

  it('gives the metadata and waveform peaks in the buckets asked for', async () => {
    const res = await t.http.get(`/api/sessions/${a}/audio/metadata`).set(as(owner));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ durationMs: stored.durationMs, contentType: stored.contentType, sizeBytes: file.length, sampleRate: 16000, channels: 1, format: stored.format });
    expect(res.body.durationMs).toBeGreaterThan(118_000);
    expect(res.body.peaks).toHaveLength(1000);
    expect(res.body.peakBucketMs).toBeCloseTo(stored.durationMs / 1000, -1);
    const loudest = Math.round((Math.max(...stored.peaks) / 255) * 1000) / 1000;
    for (const n of [1, 7, 1000]) {
      const { body } = await t.http.get(`/api/sessions/${a}/audio/metadata?peaks=${n}`).set(as(owner));
      expect(body.peaks).toHaveLength(n);
      expect(body.peaks.every((p: number) => p >= 0 && p <= 1)).toBe(true);
      expect(Math.max(...body.peaks)).toBe(loudest);
    }
    // Never finer than what was kept (one value per 50 ms).
    expect((await t.http.get(`/api/sessions/${a}/audio/metadata?peaks=10000`).set(as(owner))).body.peaks).toHaveLength(stored.peaks.length);
    for (const bad of ['0', '10001', 'abc', '1.5', '-1', '']) {
      const r = await t.http.get(`/api/sessions/${a}/audio/metadata?peaks=${bad}`).set(as(owner));
      expect([bad, r.status, r.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });

  it('says why a session has no recording', async () => {
    const live = await newSession(owner);
    const done = await newSession(owner);
    await sql(`update "session" set "status" = 'completed' where "id" = ?`, [done]);
    const uploading = await newSession(owner);
    await sql(`update "session" set "status" = 'queued', "source" = 'upload' where "id" = ?`, [uploading]);
    const imported = await newSession(owner);
    await sql(`update "session" set "status" = 'completed', "source" = 'import' where "id" = ?`, [imported]);
    const lost = await newSession(owner);
    await store.delete((await record(lost, owner)).path);
    const swept = await newSession(owner);
    await store.delete((await record(swept, owner)).path);
    await sql(`update "session" set "status" = 'completed' where "id" = ?`, [swept]);
    await sql(`update "recording" set "deleted_at" = '2026-03-04T05:06:07Z', "deleted_reason" = 'retention' where "session_id" = ?`, [swept]);

    const expected: [string, number, string, string][] = [
      [live, 409, 'RECORDING_NOT_READY', 'LIVE'],
      [uploading, 409, 'RECORDING_NOT_READY', 'QUEUED'],
      [done, 404, 'RECORDING_NOT_FOUND', 'NOT_KEPT'],
      [imported, 404, 'RECORDING_NOT_FOUND', 'IMPORTED_TRANSCRIPT'],
      [lost, 404, 'RECORDING_NOT_FOUND', 'FILE_MISSING'],
      [swept, 410, 'RECORDING_DELETED', 'retention'],
    ];
    for (const [id, status, code, reason] of expected) {
      const audio = await api(`/api/sessions/${id}/audio`, as(owner));
      const url = await t.http.post(`/api/sessions/${id}/audio-url`).set(as(owner));
      const meta = await t.http.get(`/api/sessions/${id}/audio/metadata`).set(as(owner));
      const audioBody = await json(audio);
      for (const [res, body] of [[audio, audioBody], [url, url.body], [meta, meta.body]] as const) {
        expect([reason, res.status, body.code, body.details?.reason]).toEqual([reason, status, code, reason]);
      }
      expect(audioBody.message.length).toBeGreaterThan(10);
      // The session itself says so, so a client need not make a request that can only fail.
      // (A file gone from under its row is found only by the audio routes: the summary reads rows, it does not probe the store.)
      const session = await t.http.get(`/api/sessions/${id}`).set(as(owner)).expect(200);
      if (reason !== 'FILE_MISSING') expect(session.body.recording).toMatchObject({ available: false, code, reason });
    }
    const playable = await t.http.get(`/api/sessions/${a}`).set(as(owner)).expect(200);
    expect(playable.body.recording).toEqual({ available: true, durationMs: stored.durationMs, contentType: stored.contentType });
    const gone = await t.http.get(`/api/sessions/${swept}/audio/metadata`).set(as(owner));
    expect(gone.body.details).toMatchObject({ deletedAt: '2026-03-04T05:06:07.000Z' });
    expect(gone.body.message).toContain('2026-03-04');
  });
});
