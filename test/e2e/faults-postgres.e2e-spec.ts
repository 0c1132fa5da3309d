import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import type { TestApp } from '../support/test-app.js';
import { expectRevealedOnce, expectWholeTranscript, openStream, startFaultApp } from './faults.harness.js';
import { scriptLlm } from './pipeline.fake-llm.js';
import { chunks, ES2002A, finalSegments, loadFixture, register, until, type User } from './transcription-client.js';

/**
 * PostgreSQL (a private cluster) stops hard (`pg_ctl stop -m immediate`) and starts again, once
 * while a client streams and once while the pipeline runs a stage.
 */
describe('fault: PostgreSQL restarted', () => {
  let fake: FakeOpenAI;
  let postgres: PrivatePostgres;
  let app: TestApp;
  let owner: User;
  const fixture = loadFixture();
  const data = chunks(fixture, 400);

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    scriptLlm(fake, { assignee: 'Laura' });
    postgres = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database mina');
    await admin.end();
    // Backoff long enough that a stage's three attempts outlast the restart.
    app = await startFaultApp({ fake, databaseUrl: postgres.url.replace(/\/postgres$/, '/mina'), pipeline: { backoffMs: 1_000 } });
    owner = await register(app, 'Laura');
  });

  afterAll(async () => {
    await postgres?.start().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await postgres?.stop();
    await fake?.close();
  });

  it('during streaming: chunks are still acked (Redis holds them), all are transcribed once after the restart, and revealed', async () => {
    const s = await openStream(app, owner);
    const third = Math.floor(data.length / 3);
    await s.send(data, 0, third);
    await until(async () => (await finalSegments(app, owner, s.sessionId)).length >= 2, 20_000, 'finals before the crash');

    await postgres.kill();
    // Acks need only the spool: the middle third is accepted while the database is down.
    await s.send(data, third, 2 * third);
    expect(s.nacks).toBe(0);
    await new Promise((r) => setTimeout(r, 1_000));
    await postgres.start();
    await s.send(data, 2 * third, data.length);

    expect(await s.end()).toMatchObject({ ok: true, transcribed: true, status: 'processing' });
    await expectWholeTranscript(app, owner, s, fixture);
    await expectRevealedOnce(app, owner, s.sessionId);
    s.socket.close();
  });

  it('during a pipeline stage: the stage is retried, the session is revealed once, nothing duplicated', async () => {
    const s = await openStream(app, owner);
    await s.send(data, 0, data.length);
    fake.setFault({ kind: 'latency', route: 'chat', latencyMs: 1_000, times: 1 });
    const before = fake.requests.length;
    expect(await s.end()).toMatchObject({ ok: true, transcribed: true });
    await until(() => fake.requests.slice(before).some((r) => r.schemaName === 'transcript_refinement'), 20_000, 'the refinement request');
    // The refinement's answer arrives while the database is down: saving it fails.
    await postgres.kill();
    await new Promise((r) => setTimeout(r, 1_500));
    await postgres.start();

    await expectWholeTranscript(app, owner, s, fixture);
    const body = await expectRevealedOnce(app, owner, s.sessionId);
    expect(body.stages.refinement.attempts).toBeGreaterThanOrEqual(2);
    s.socket.close();
  });
});
