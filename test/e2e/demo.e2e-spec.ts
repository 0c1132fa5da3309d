/*
 * `npm run demo` end to end, minus the launcher: the fake OpenAI in demo mode, the real app on
 * PostgreSQL and Redis, the demo seeder. The demo's content must be true, and each fix holds for
 * any meeting: speakers named as they introduce themselves, the meeting status following its
 * session, durations from the recording, AI output labelled as the fake's.
 */
import { MikroORM } from '@mikro-orm/core';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoSeeder } from '#src/cli/demo-seeder.js';
import { withContext } from '#src/database/with-context.js';
import { TranscriptionRepository } from '#src/transcription/transcription.repository.js';
import { UsersRepository } from '#src/users/users.repository.js';
import { UsersService } from '#src/users/users.service.js';
import { WorkspacesService } from '#src/workspaces/workspaces.service.js';
import { DEMO_LABEL } from '../support/fake-openai/demo-chat.js';
import { DEMO_RECORDING, startDemoFakeOpenAI } from '../support/fake-openai/demo-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { encodeWav, readWav, sliceAudio, type PcmAudio } from '../support/fake-openai/wav.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from './pipeline.harness.js';

const OWNER = { email: 'demo-owner@example.com', password: 'demo-password-1' };
const ADMIN = { email: 'demo-admin@example.com', password: 'demo-admin-password-1' };

interface Segment {
  text: string;
  speaker: string | null;
  endMs: number;
}

describe('the local demo (fake OpenAI in demo mode, real app, demo seed)', () => {
  let fake: FakeOpenAI;
  let mina: TestApp;
  let auth: Record<string, string>;
  let adminAuth: Record<string, string>;
  let workspaceId: string;
  let recording: PcmAudio;
  const warnings: string[] = [];
  const get = async <T>(path: string, as = auth) => (await mina.http.get(path).set(as).expect(200)).body as T;

  beforeAll(async () => {
    [fake, recording] = await Promise.all([startDemoFakeOpenAI({ onWarning: (m) => warnings.push(m) }), readWav(DEMO_RECORDING)]);
    mina = await startTestApp({
      db: 'postgresql',
      env: { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'demo-fake-key', MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password },
    });
    const app = mina.app;
    const seeded = await withContext(app.get(MikroORM), () =>
      new DemoSeeder(app.get(MikroORM).em, app.get(UsersService), app.get(UsersRepository), app.get(WorkspacesService)).seed(OWNER),
    );
    workspaceId = seeded.workspaceId;
    const login = async (who: typeof OWNER) => (await mina.http.post('/api/auth/login').send(who).expect(200)).body.accessToken as string;
    auth = { Authorization: `Bearer ${await login(OWNER)}`, 'X-Workspace-Id': workspaceId };
    adminAuth = { Authorization: `Bearer ${await login(ADMIN)}` };
  });

  afterAll(async () => {
    await mina?.close();
    await fake?.close();
  });

  it('transcribes the bundled recording with its real words, also after level changes, and never answers speech with silence', async () => {
    const client = new OpenAI({ apiKey: 'demo-fake-key', baseURL: fake.baseURL, maxRetries: 0 });
    const transcribe = async (audio: PcmAudio) =>
      (await client.audio.transcriptions.create({ file: await toFile(encodeWav(audio), 'w.wav', { type: 'audio/wav' }), model: 'gpt-4o-transcribe' })).text;

    const opening = sliceAudio(recording, 800, 8_000);
    expect(await transcribe(opening)).toMatch(/^Okay Right Um well this is the kick-off meeting/);
    // What a microphone path does to it (gain) defeats exact matching, not the demo.
    const quieter = { ...opening, samples: opening.samples.map((s) => Math.round(s * 0.6)) };
    expect(await transcribe(quieter)).toContain('kick-off');

    // Speech the fake has never heard: a loud, numbered marker and a warning, not "".
    let seed = 7;
    const noise = new Int16Array(16_000 * 3).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 16_000) - 8_000);
    const unknown = await transcribe({ sampleRate: 16_000, samples: noise });
    expect(unknown).toMatch(/^\[demo AI: unknown audio #\d+\]$/);
    expect(warnings.join('\n')).toContain('match no registered recording');
    // Silence is still silence: no words is then the true answer.
    expect(await transcribe({ sampleRate: 16_000, samples: new Int16Array(16_000) })).toBe('');
  });

  it('answers plain chat as labelled demo output, not as a model', async () => {
    const client = new OpenAI({ apiKey: 'demo-fake-key', baseURL: fake.baseURL, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'What did Laura decide?' }] });
    expect(res.choices[0].message.content).toContain(DEMO_LABEL);
  });

  it('names each speaker as they introduce themselves in the transcript', async () => {
    const [session] = await get<{ id: string }[]>('/api/sessions');
    const segments = await get<Segment[]>(`/api/sessions/${session.id}/segments`);
    const introductions = segments.map((s) => [/I'm (Laura|David|Andrew|Craig)\b/.exec(s.text)?.[1], s.speaker]).filter(([name]) => name);
    expect(introductions.map(([name]) => name)).toEqual(['Laura', 'David', 'Andrew', 'Craig']);
    for (const [name, speaker] of introductions) expect(speaker).toBe(name);
  });

  it('gives a session the duration it recorded, not the days between its start and finalize', async () => {
    const [session] = await get<{ id: string; durationMs: number | null; startedAt: string }[]>('/api/sessions');
    const segments = await get<Segment[]>(`/api/sessions/${session.id}/segments`);
    const transcriptEnd = Math.max(...segments.map((s) => s.endMs));
    expect(session.durationMs).toBe(Math.round(transcriptEnd));
    expect(session.durationMs).toBeLessThan(30 * 60_000);
    // The seed started it days ago; it is finalized now.
    expect(Date.now() - Date.parse(session.startedAt)).toBeGreaterThan(24 * 3600_000);
  });

  it('completes the meeting when its session is finalized, and the summary and tasks say they are demo output', async () => {
    const meetings = await get<{ id: string; title: string; status: string; sessionId: string | null }[]>('/api/meetings');
    const meeting = meetings.find((m) => m.sessionId)!;
    expect(meeting.status).toBe('live');
    await mina.http.post(`/api/sessions/${meeting.sessionId}/finalize`).set(auth).expect(202);
    await waitFor('the meeting to complete with its session', async () => (await get<{ status: string }>(`/api/meetings/${meeting.id}`)).status === 'completed', 10_000);
    const insights = await waitFor(
      'the demo insights',
      async () => {
        const body = await get<{ status: string; summary: { overview: string; fallbackUsed: boolean } | null; tasks: { title: string; extracted: boolean }[] }>(`/api/sessions/${meeting.sessionId}/insights`);
        return body.status === 'completed' ? body : undefined;
      },
      45_000,
    );
    expect(insights.summary?.fallbackUsed).toBe(false);
    expect(insights.summary?.overview).toContain(DEMO_LABEL);
    for (const task of insights.tasks.filter((t) => t.extracted)) expect(task.title).toMatch(/^\[demo\]/);
    const [session] = await get<{ durationMs: number }[]>('/api/sessions');
    expect(session.durationMs).toBeLessThan(30 * 60_000);
  });

  it('puts a meeting live when its session starts recording, and leaves a cancelled one alone', async () => {
    const create = async (title: string) => (await mina.http.post('/api/meetings').set(auth).send({ title, scheduledStart: new Date(Date.now() + 3600_000).toISOString() }).expect(201)).body as { id: string; status: string };
    const meeting = await create('Weekly sync');
    const cancelled = await create('Cancelled sync');
    await mina.http.put(`/api/meetings/${cancelled.id}`).set(auth).send({ status: 'cancelled' }).expect(200);
    const session = (await mina.http.post('/api/sessions').set(auth).send({ meetingId: meeting.id }).expect(201)).body.id as string;
    const other = (await mina.http.post('/api/sessions').set(auth).send({ meetingId: cancelled.id }).expect(201)).body.id as string;
    // The gateway's first durable chunk does exactly this.
    const repo = mina.app.get(TranscriptionRepository);
    await withContext(mina.app.get(MikroORM), async () => {
      expect(await repo.markRecording(session)).toBe(true);
      expect(await repo.markRecording(other)).toBe(true);
    });
    expect((await get<{ status: string }>(`/api/meetings/${meeting.id}`)).status).toBe('live');
    expect((await get<{ status: string }>(`/api/meetings/${cancelled.id}`)).status).toBe('cancelled');
  });

  it('assigns the seeded task to Laura and lists the demo workspace for the instance admin', async () => {
    const members = await get<{ userId: string; name: string }[]>(`/api/workspaces/${workspaceId}/members`);
    const tasks = await get<{ title: string; assignedToId: string | null }[]>('/api/tasks');
    const task = tasks.find((t) => t.title === 'Send the kick-off minutes to the team')!;
    const laura = members.find((m) => m.name.startsWith('Laura'));
    expect(task.assignedToId).toBe(laura?.userId);
    const all = await get<{ id: string }[]>('/api/workspaces?filter={"all":true}&range=[0,99]', adminAuth);
    expect(all.map((w) => w.id)).toContain(workspaceId);
  });
});
