import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import type { TestApp } from '../support/test-app.js';
import { insights, openStream, startFaultApp, waitRevealed } from './faults.harness.js';
import { scriptLlm } from './pipeline.fake-llm.js';
import { chunks, ES2002A, finalSegments, loadFixture, register, until, type User } from './transcription-client.js';

const OUTAGE_MS = 26_000;

/**
 * A session ends at the start of an ASR outage longer than finalize's wait for the spool (20 s):
 * finalize gives up waiting and starts the pipeline with the audio still untranscribed. The
 * pipeline must hold refinement back until those segments land, so the insights cover them.
 */
describe('pipeline: audio still being transcribed after finalize', () => {
  let fake: FakeOpenAI;
  let app: TestApp;
  let owner: User;
  const data = chunks(loadFixture(), 400);

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    scriptLlm(fake, { assignee: 'Laura' });
    app = await startFaultApp({ fake });
    owner = await register(app, 'Laura');
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await fake?.close();
  });

  it('waits for the late segments before refining, then reveals insights over the whole transcript', async () => {
    const c = await openStream(app, owner);
    fake.setFault({ kind: 'server-error', route: 'transcriptions', forMs: OUTAGE_MS });
    await c.send(data, 0, data.length);
    const ack = await c.end();
    expect(ack).toMatchObject({ ok: true, status: 'processing', transcribed: false });
    expect(await finalSegments(app, owner, c.sessionId)).toEqual([]);

    // Refinement says what it is doing while the ASR is still down.
    await until(async () => (await insights(app, owner, c.sessionId)).stages.refinement.status === 'waiting', 5_000, 'refinement to wait');
    expect((await insights(app, owner, c.sessionId)).status).toBe('processing');

    const revealed = await waitRevealed(app, owner, c.sessionId, 60_000);
    const finals = await finalSegments(app, owner, c.sessionId);
    expect(finals.length).toBeGreaterThan(0);
    expect(revealed.transcript.map((s) => s.text)).toEqual(finals.map((s) => s.text));
    expect(revealed.transcript.every((s) => s.refinedText !== null)).toBe(true);
    expect(Object.values(revealed.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(revealed.tasks.filter((t) => t.extracted)).toHaveLength(1);
    expect(revealed.analytics?.wordsPerMinute).toBeGreaterThan(0);
    c.socket.close();
  }, 100_000);
});
