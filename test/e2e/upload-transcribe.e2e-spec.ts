import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type SignedIn } from '../support/api-client.js';
import { AUDIO_FORMATS, ffmpeg } from '../support/audio-formats.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createStack, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';
import { call, connect, ES2002A, loadFixture, words, type ClientSocket } from './transcription-client.js';
import { query, tusUpload } from './uploads.client.js';

/*
 * A user's whole flow for a recorded meeting, on the real app (PostgreSQL, Redis, the BullMQ
 * worker in-process, ffmpeg) with the fake OpenAI as speech recognizer and LLM: the file goes up
 * through the stock tus-js-client, the session room follows it uploading → queued → transcribing
 * (progress to 1) → processing → completed, the transcript is the meeting's words, the player's
 * endpoints serve the stored FLAC byte-exactly through a signed URL, and the insights are there.
 */

interface StatusEvent {
  sessionId: string;
  status: string;
  progress?: number;
}

interface Segment {
  seq: number;
  text: string;
  startMs: number;
}

/** Eight PATCHes for the fixture: several progress reports. */
const CHUNK = 512 * 1024;

/** Length of the longest common subsequence: words heard in order, whatever was added or lost. */
function lcs(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]));
    prev = row;
  }
  return prev[b.length];
}

describe('an uploaded recording: tus → transcript → playback → insights', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let a: PipelineApp;
  let base: string;
  let user: SignedIn;
  let owner: Member;
  let socket: ClientSocket;
  let work: string;
  const fixture = loadFixture();
  const wav = readFileSync(ES2002A);
  const statuses: StatusEvent[] = [];

  const get = async <T>(path: string) => (await a.http.get(path).set(owner.auth).expect(200)).body as T;

  /** Uploads through tus-js-client, in the session's room from before the first byte. */
  async function upload(data: Buffer, filename: string, filetype: string): Promise<string> {
    const sent = await tusUpload(base, user, data, {
      metadata: { filename, filetype, title: filename, clientId: `flow-${filename}` },
      chunkSize: CHUNK,
      onSession: async (sessionId) => {
        const joined = await call<{ status: string }>(socket, 'session:join', { sessionId });
        expect(joined).toMatchObject({ ok: true, status: 'uploading' });
      },
    });
    expect(sent.error).toBeUndefined();
    return sent.sessionId!;
  }

  /** The session's statuses as its room heard them, repeats folded. */
  const heard = (sessionId: string) => statuses.filter((e) => e.sessionId === sessionId);
  const order = (sessionId: string) => heard(sessionId).map((e) => e.status).filter((s, i, all) => s !== all[i - 1]);
  const progressOf = (sessionId: string, status: string) => heard(sessionId).filter((e) => e.status === status).map((e) => e.progress);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mina-flow-'));
    // Exact matches for lossless audio; decoded MP3 is found by its loudness envelope.
    fake = await startFakeOpenAI({ scripts: [ES2002A], match: 'exact-or-envelope' });
    stack = await createStack();
    a = await stack.start({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL } });
    base = `http://127.0.0.1:${(a.app.getHttpServer() as { address(): AddressInfo }).address().port}`;
    user = await registerUser(base, 'Flora Flow');
    owner = { token: user.accessToken, userId: user.userId, workspaceId: user.workspaceId, name: 'Flora Flow', auth: { Authorization: `Bearer ${user.accessToken}`, 'X-Workspace-Id': user.workspaceId } };
    socket = await connect(base, { token: user.accessToken, workspaceId: user.workspaceId });
    socket.on('session:status', (e: StatusEvent) => statuses.push(e));
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await stack?.close();
    await fake?.close();
    if (stack) rmSync(`/tmp/mina-test-${stack.redisPrefix}`, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('takes the fixture WAV to a transcript of every word once, a byte-exact FLAC behind a signed URL, and a summary', async () => {
    // A recognizer with a real one's pace, so that progress is reported on the way (about once a second).
    fake.setLatency(300, 'transcriptions');
    const sessionId = await upload(wav, 'kick-off.wav', 'audio/wav');
    const insights = await waitForStatus(a.http, owner, sessionId, 'completed', 60_000);
    fake.setLatency(0, 'transcriptions');

    expect(order(sessionId)).toEqual(['uploading', 'queued', 'transcribing', 'processing', 'completed']);
    const sent = progressOf(sessionId, 'uploading');
    expect(sent.length).toBeGreaterThan(3);
    expect(sent).toEqual([...sent].sort((x, y) => x! - y!));
    expect(sent.at(-1)).toBeLessThanOrEqual(1);
    // The last PATCH's bytes are announced by the move to queued (the upload is whole).
    expect(heard(sessionId).find((e) => e.status === 'queued')).toMatchObject({ progress: 1 });
    const transcribed = progressOf(sessionId, 'transcribing');
    expect(transcribed.every((p) => typeof p === 'number')).toBe(true);
    expect(transcribed).toEqual([...transcribed].sort((x, y) => x! - y!));
    expect(transcribed.filter((p) => p! > 0 && p! < 1).length).toBeGreaterThan(0);
    expect(transcribed.at(-1)).toBe(1);

    const segments = await get<Segment[]>(`/api/sessions/${sessionId}/segments`);
    expect(words(segments.map((s) => s.text).join(' '))).toEqual(fixture.words);
    const times = segments.map((s) => s.startMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));

    const meta = await get<{ durationMs: number; contentType: string; sizeBytes: number; sampleRate: number; channels: number; peaks: number[] }>(`/api/sessions/${sessionId}/audio/metadata`);
    expect(meta).toMatchObject({ contentType: 'audio/flac', sampleRate: 16_000, channels: 1 });
    expect(Math.abs(meta.durationMs - 118_921)).toBeLessThanOrEqual(50);
    expect(meta.peaks.length).toBeGreaterThan(100);
    // The session lasts as long as its recording, not up to its last window (trailing silence is not windowed).
    expect((await get<{ durationMs: number }>(`/api/sessions/${sessionId}`)).durationMs).toBe(meta.durationMs);

    const [recording] = await query<{ path: string; size_bytes: string }>(stack.databaseUrl!, 'select path, size_bytes from recording where session_id = $1', [sessionId]);
    const stored = readFileSync(join(a.config.recordingsDir, recording.path));
    expect(stored.subarray(0, 4).toString('latin1')).toBe('fLaC');
    expect(meta.sizeBytes).toBe(stored.length);
    const signed = (await a.http.post(`/api/sessions/${sessionId}/audio-url`).set(owner.auth).expect(200)).body as { url: string; expiresAt: string };
    expect(new Date(signed.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // As <audio> fetches it: no Bearer, no workspace header.
    const whole = await fetch(`${base}${signed.url}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/flac');
    expect(Buffer.from(await whole.arrayBuffer()).equals(stored)).toBe(true);
    const from = Math.floor(stored.length / 3);
    const to = from + 65_535;
    const part = await fetch(`${base}${signed.url}`, { headers: { Range: `bytes=${from}-${to}` } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${from}-${to}/${stored.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(stored.subarray(from, to + 1))).toBe(true);
    const tail = await fetch(`${base}${signed.url}`, { headers: { Range: 'bytes=-1000' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(stored.subarray(stored.length - 1000))).toBe(true);

    // The insights pipeline ran on that transcript.
    expect(Object.values(insights.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    // Written by the (fake) LLM, not the local fallback.
    expect(insights.fallbackUsed).toBe(false);
    expect(insights.summary?.overview).toBeTruthy();
    expect(insights.transcript.length).toBe(segments.length);
  }, 80_000);

  it('takes an MP3 made from it to a transcript that is mostly the meeting’s words, in order', async () => {
    const mp3 = join(work, 'kick-off.mp3');
    await ffmpeg(['-i', ES2002A, ...AUDIO_FORMATS.mp3.args, mp3]);
    const sessionId = await upload(readFileSync(mp3), 'kick-off.mp3', 'audio/mpeg');
    const insights = await waitForStatus(a.http, owner, sessionId, 'completed', 60_000);
    expect(order(sessionId)).toEqual(['uploading', 'queued', 'transcribing', 'processing', 'completed']);
    expect(progressOf(sessionId, 'transcribing').at(-1)).toBe(1);

    const meta = await get<{ durationMs: number; contentType: string }>(`/api/sessions/${sessionId}/audio/metadata`);
    expect(meta.contentType).toBe('audio/flac');
    // MP3 frames pad the end a little.
    expect(Math.abs(meta.durationMs - 118_921)).toBeLessThanOrEqual(100);

    const segments = await get<Segment[]>(`/api/sessions/${sessionId}/segments`);
    const got = words(segments.map((s) => s.text).join(' '));
    const inOrder = lcs(got, fixture.words);
    // Recall and precision of the words in order: a lost window or a doubled one shows in one of them.
    expect(inOrder / fixture.words.length).toBeGreaterThan(0.9);
    expect(inOrder / got.length).toBeGreaterThan(0.9);
    expect(insights.summary?.overview).toBeTruthy();
  }, 80_000);
});
