import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiProviderView } from '@mina/contract/ai-providers';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectWholeTranscript, openStream } from './faults.harness.js';
import { adminEnv, FAST, loginAdmin } from './pipeline.harness.js';
import { chunks, ES2002A, loadFixture, register, type User } from './transcription-client.js';

describe('ASR provider chain (MINA_ASR_PROVIDERS): windowed transcription fails over', () => {
  let first: FakeOpenAI;
  let second: FakeOpenAI;
  let app: TestApp;
  let owner: User;
  const fixture = loadFixture();

  beforeAll(async () => {
    first = await startFakeOpenAI({ scripts: [ES2002A] });
    second = await startFakeOpenAI({ scripts: [ES2002A] });
    const provider = (name: string, fake: FakeOpenAI) => ({
      name,
      baseUrl: fake.baseURL,
      apiKey: `sk-${name}`,
      model: 'whisper-1',
    });
    app = await startTestApp({
      env: {
        ...adminEnv,
        MINA_ASR_PROVIDERS: JSON.stringify([provider('first', first), provider('second', second)]),
      },
      config: { pipeline: FAST },
    });
    owner = await register(app, 'Laura');
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await first?.close();
    await second?.close();
  });

  it('transcribes the whole meeting on the second provider while the first answers 500s, once, in order', async () => {
    const s = await openStream(app, owner);
    const data = chunks(fixture, 400);
    // The first provider answers half of the meeting, then fails for good.
    const half = Math.floor(data.length / 2);
    await s.send(data, 0, half, { window: 1, paceMs: 20 });
    expect(
      first.requests.filter((r) => r.route === 'transcriptions' && r.status === 200).length,
    ).toBeGreaterThan(0);
    first.setFault({ kind: 'server-error', route: 'transcriptions' });
    const firstBefore = first.requests.length;
    const secondBefore = second.requests.length;
    await s.send(data, half, data.length, { window: 1, paceMs: 20 });
    expect(await s.end()).toMatchObject({ ok: true, transcribed: true });
    await expectWholeTranscript(app, owner, s, fixture);

    const firstAfter = first.requests.slice(firstBefore).filter((r) => r.route === 'transcriptions');
    const secondAfter = second.requests.slice(secondBefore).filter((r) => r.route === 'transcriptions');
    expect(firstAfter.every((r) => r.status === 500)).toBe(true);
    expect(secondAfter.filter((r) => r.status === 200).length).toBeGreaterThan(0);

    const res = await app.http
      .get('/api/admin/ai/providers')
      .set(await loginAdmin(app.http))
      .expect(200);
    const views = Object.fromEntries((res.body as AiProviderView[]).map((v) => [v.id, v]));
    expect(views['asr:first']).toMatchObject({
      kind: 'asr',
      position: 0,
      model: 'whisper-1',
      lastError: expect.stringMatching(/^500 /),
    });
    expect(views['asr:first'].failures).toBeGreaterThan(0);
    expect(views['asr:second']).toMatchObject({ kind: 'asr', position: 1, failures: 0, lastError: null });
    expect(views['asr:second'].requests).toBe(secondAfter.length);
    expect(views['asr:second'].latencyP50Ms).toEqual(expect.any(Number));
  });
});
