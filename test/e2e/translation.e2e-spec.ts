import { EntityManager } from '@mikro-orm/core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDemoChat } from '../support/fake-openai/demo-chat.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { installTranslationChat } from '../support/fake-openai/translation-chat.js';
import {
  createSession,
  createStack,
  register,
  waitFor,
  waitForStatus,
  type InsightsBody,
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/exports/multiscript.vtt'));

/** Mina against a fake OpenAI server that answers the pipeline (demo chat) and translations (`[xx] …`). */
async function withTranslatingAi(
  env: Record<string, string> = {},
): Promise<{ fake: FakeOpenAI; stack: Stack; mina: PipelineApp }> {
  const fake = await startFakeOpenAI({ strictModels: false });
  installDemoChat(fake);
  installTranslationChat(fake);
  const stack = await createStack();
  const mina = await stack.start({ env: { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.baseURL, ...env } });
  return { fake, stack, mina };
}

interface TranslationBody {
  sessionId: string;
  language: string;
  status: string;
  stale: boolean;
  error: string | null;
  model: string | null;
  segments?: { segmentId: string; text: string }[];
  summary?: {
    overview: string;
    keyPoints: { text: string }[];
    decisions: { text: string; speaker?: string; atMs?: number }[];
    risks: { text: string }[];
    questions: { text: string }[];
  } | null;
}

describe('translations of a session: made on request by the AI, cached, stale when the source changes', () => {
  let stack: Stack;
  let mina: PipelineApp;
  let fake: FakeOpenAI;
  let laura: Member;
  let eve: Member;
  let sessionId: string;
  let insights: InsightsBody;

  const importSession = async (who: Member, title: string, app = mina) => {
    const res = await app.http
      .post('/api/sessions/import')
      .set(who.auth)
      .field('title', title)
      .attach('file', FIXTURE, { filename: 'meeting.vtt', contentType: 'text/vtt' })
      .expect(201);
    const id = (res.body as { id: string }).id;
    return { id, insights: await waitForStatus(app.http, who, id, 'completed', 40_000) };
  };
  const translation = (id: string, language: string, who = laura) =>
    mina.http.get(`/api/sessions/${id}/translations/${language}`).set(who.auth);
  const ready = (id: string, language: string) =>
    waitFor(`the ${language} translation`, async () => {
      const body = (await translation(id, language).expect(200)).body as TranslationBody;
      return body.status === 'ready' || body.status === 'failed' ? body : undefined;
    });
  const chatRequests = (schemaName: string) =>
    fake.requests.filter((r) => r.route === 'chat' && r.schemaName === schemaName).length;
  const sql = (query: string, params: unknown[] = []) =>
    mina.app.get(EntityManager).getConnection().execute(query, params);

  beforeAll(async () => {
    ({ fake, stack, mina } = await withTranslatingAi());
    laura = await register(mina.http, 'Laura Smith');
    eve = await register(mina.http, 'Eve Other');
    ({ id: sessionId, insights } = await importSession(laura, 'Launch review'));
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('translates every segment and every summary item, keeping ids, times and speakers, and charges the tokens', async () => {
    const started = await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(202);
    expect(started.body).toMatchObject({ sessionId, language: 'fr', stale: false });
    expect(['pending', 'running', 'ready']).toContain((started.body as TranslationBody).status);

    const done = await ready(sessionId, 'fr');
    expect(done).toMatchObject({ status: 'ready', stale: false, error: null, model: expect.any(String) });
    expect(done.segments!.map((s) => s.segmentId)).toEqual(insights.transcript.map((s) => s.id));
    expect(done.segments!.map((s) => s.text)).toEqual(
      insights.transcript.map((s) => `[fr] ${(s.refinedText ?? s.text).replace(/\s+/g, ' ').trim()}`),
    );
    const summary = insights.summary!;
    expect(done.summary!.overview).toBe(`[fr] ${summary.overview}`);
    expect(done.summary!.decisions).toEqual(summary.decisions.map((d) => ({ ...d, text: `[fr] ${d.text}` })));
    expect(done.summary!.keyPoints).toHaveLength(summary.keyPoints.length);

    const charged = await waitFor('translation tokens', async () => {
      const rows = (await sql(
        `select coalesce(sum("total_tokens"), 0)::int as "n" from "token_usage" where "workspace_id" = ? and "purpose" = 'translation'`,
        [laura.workspaceId],
      )) as { n: number }[];
      return rows[0].n > 0 ? rows[0].n : undefined;
    });
    expect(charged).toBeGreaterThan(0);
  });

  it('serves the same translation again from its cache, without asking the AI', async () => {
    const before = chatRequests('transcript_translation') + chatRequests('summary_translation');
    const again = await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(200);
    expect(again.body).toMatchObject({ status: 'ready', stale: false });
    expect((again.body as TranslationBody).segments).toHaveLength(insights.transcript.length);
    expect(chatRequests('transcript_translation') + chatRequests('summary_translation')).toBe(before);

    const list = await mina.http.get(`/api/sessions/${sessionId}/translations`).set(laura.auth).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ language: 'fr', status: 'ready', stale: false })]);
    expect((list.body as TranslationBody[])[0].segments).toBeUndefined();
  });

  it('a speaker rename changes nothing; a changed transcript makes it stale, and a new request translates it again', async () => {
    await mina.http
      .patch(`/api/sessions/${sessionId}/speakers`)
      .set(laura.auth)
      .send({ speakers: { spk_a: 'Ada Lovelace' } })
      .expect(200);
    expect((await translation(sessionId, 'fr').expect(200)).body).toMatchObject({ stale: false });

    const first = insights.transcript[0];
    await sql(`update "segment" set "refined_text" = ? where "id" = ?`, [
      'The launch moves to Tuesday.',
      first.id,
    ]);
    expect((await translation(sessionId, 'fr').expect(200)).body).toMatchObject({
      status: 'ready',
      stale: true,
    });

    const before = chatRequests('transcript_translation');
    await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(202);
    const fresh = await ready(sessionId, 'fr');
    expect(fresh).toMatchObject({ status: 'ready', stale: false });
    expect(fresh.segments![0]).toEqual({ segmentId: first.id, text: '[fr] The launch moves to Tuesday.' });
    expect(chatRequests('transcript_translation')).toBeGreaterThan(before);
  });

  it('an AI outage fails the translation with the reason (never the original passed off as translated); asking again retries', async () => {
    fake.setFault({ kind: 'server-error', route: 'chat' });
    try {
      await mina.http
        .post(`/api/sessions/${sessionId}/translations`)
        .set(laura.auth)
        .send({ language: 'de' })
        .expect(202);
      const failed = await ready(sessionId, 'de');
      expect(failed).toMatchObject({ status: 'failed', segments: [], summary: null });
      expect(failed.error).toMatch(/AI model was unavailable/);
    } finally {
      fake.clearFaults();
    }
    await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'de' })
      .expect(202);
    expect(await ready(sessionId, 'de')).toMatchObject({ status: 'ready', error: null });
  });

  it('a failed re-translation keeps the previous translation, marked stale; a translation whose job was lost is started again', async () => {
    const made = await ready(sessionId, 'fr');
    expect(made).toMatchObject({ status: 'ready', stale: false });
    await sql(`update "segment" set "refined_text" = ? where "id" = ?`, [
      'The launch moves to Wednesday.',
      insights.transcript[0].id,
    ]);
    fake.setFault({ kind: 'server-error', route: 'chat' });
    try {
      await mina.http
        .post(`/api/sessions/${sessionId}/translations`)
        .set(laura.auth)
        .send({ language: 'fr' })
        .expect(202);
      const failed = await ready(sessionId, 'fr');
      expect(failed).toMatchObject({ status: 'failed', stale: true });
      expect(failed.segments).toEqual(made.segments);
    } finally {
      fake.clearFaults();
    }
    await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(202);
    const fresh = await ready(sessionId, 'fr');
    expect(fresh).toMatchObject({ status: 'ready', stale: false });
    expect(fresh.segments![0].text).toBe('[fr] The launch moves to Wednesday.');

    // A worker died holding the job: the row says running, long ago. Asking again starts it anew.
    await sql(
      `update "translation" set "status" = 'running', "updated_at" = now() - interval '2 hours' where "session_id" = ? and "language" = 'fr'`,
      [sessionId],
    );
    await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(202);
    expect(await ready(sessionId, 'fr')).toMatchObject({ status: 'ready', stale: false });
  });

  it('bad input: unknown languages, sessions of other workspaces, sessions without a final transcript', async () => {
    for (const language of ['xx', 'French', '', 'fr; drop table', 'x'.repeat(17)]) {
      const res = await mina.http
        .post(`/api/sessions/${sessionId}/translations`)
        .set(laura.auth)
        .send({ language });
      expect(res.status).toBe(400);
      expect(['TRANSLATION_LANGUAGE_UNKNOWN', 'VALIDATION_FAILED']).toContain(
        (res.body as { code: string }).code,
      );
    }
    await mina.http.post(`/api/sessions/${sessionId}/translations`).set(laura.auth).send({}).expect(400);
    await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(laura.auth)
      .send({ language: 'fr', extra: 1 })
      .expect(400);
    expect((await translation(sessionId, 'xx').expect(400)).body).toMatchObject({
      code: 'TRANSLATION_LANGUAGE_UNKNOWN',
    });
    expect((await translation(sessionId, 'ja').expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });

    // Another workspace sees nothing, not even that the session exists.
    await mina.http
      .post(`/api/sessions/${sessionId}/translations`)
      .set(eve.auth)
      .send({ language: 'fr' })
      .expect(404);
    await translation(sessionId, 'fr', eve).expect(404);
    await mina.http.get(`/api/sessions/${sessionId}/translations`).set(eve.auth).expect(404);

    const empty = await createSession(mina.http, laura, 'Not started');
    const res = await mina.http
      .post(`/api/sessions/${empty}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'NOTHING_TO_TRANSLATE' });
  });

  it("writes the workspace's summaries in its summary language, and records it", async () => {
    await mina.http
      .put(`/api/workspaces/${laura.workspaceId}`)
      .set(laura.auth)
      .send({ settings: { summaryLanguage: 'es' } })
      .expect(200);
    const bad = await mina.http
      .put(`/api/workspaces/${laura.workspaceId}`)
      .set(laura.auth)
      .send({ settings: { summaryLanguage: 'klingon' } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const systems: string[] = [];
    fake.onChat('meeting_summary', (req) => {
      systems.push(String((req.messages[0] as { content?: unknown }).content));
      return undefined; // a schema-valid answer made up by the fake
    });
    try {
      const { insights: spanish } = await importSession(laura, 'Planning in Spanish');
      expect(spanish.summary).toMatchObject({ fallbackUsed: false, language: 'es', requestedLanguage: 'es' });
      expect(systems.length).toBeGreaterThan(0);
      for (const system of systems)
        expect(system).toMatch(/Write every text field in Spanish \(language code es\)/);
    } finally {
      installDemoChat(fake);
    }
    await mina.http
      .put(`/api/workspaces/${laura.workspaceId}`)
      .set(laura.auth)
      .send({ settings: { summaryLanguage: null } })
      .expect(200);
  });
});

describe('translations without an AI model', () => {
  let stack: Stack;
  let mina: PipelineApp;
  let laura: Member;

  beforeAll(async () => {
    stack = await createStack();
    mina = await stack.start();
    laura = await register(mina.http, 'Laura Smith');
  }, 60_000);
  afterAll(() => stack?.close());

  it('says 503 TRANSLATION_UNAVAILABLE, and a summary asked for in French stays in the meeting language and says so', async () => {
    await mina.http
      .put(`/api/workspaces/${laura.workspaceId}`)
      .set(laura.auth)
      .send({ settings: { summaryLanguage: 'fr' } })
      .expect(200);
    const res = await mina.http
      .post('/api/sessions/import')
      .set(laura.auth)
      .field('title', 'No AI')
      .attach('file', FIXTURE, { filename: 'meeting.vtt', contentType: 'text/vtt' })
      .expect(201);
    const id = (res.body as { id: string }).id;
    const insights = await waitForStatus(mina.http, laura, id, 'completed', 40_000);
    expect(insights.summary).toMatchObject({ fallbackUsed: true, language: null, requestedLanguage: 'fr' });

    const refused = await mina.http
      .post(`/api/sessions/${id}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(503);
    expect(refused.body).toMatchObject({ code: 'TRANSLATION_UNAVAILABLE' });
    expect((refused.body as { message: string }).message).toMatch(/no local translation/);
    await mina.http.get(`/api/sessions/${id}/translations/fr`).set(laura.auth).expect(404);
  });
});

describe('translations spend a per-user budget', () => {
  let stack: Stack;
  let mina: PipelineApp;
  let fake: FakeOpenAI;
  let laura: Member;

  beforeAll(async () => {
    ({ fake, stack, mina } = await withTranslatingAi({ MINA_TRANSLATION_RATE_PER_HOUR: '2' }));
    laura = await register(mina.http, 'Laura Smith');
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('refuses a third start in the hour with 429 and Retry-After; a translation already made is still served', async () => {
    const res = await mina.http
      .post('/api/sessions/import')
      .set(laura.auth)
      .field('title', 'Budget')
      .attach('file', FIXTURE, { filename: 'meeting.vtt', contentType: 'text/vtt' })
      .expect(201);
    const id = (res.body as { id: string }).id;
    await waitForStatus(mina.http, laura, id, 'completed', 40_000);
    for (const language of ['fr', 'de'])
      await mina.http.post(`/api/sessions/${id}/translations`).set(laura.auth).send({ language }).expect(202);
    const refused = await mina.http
      .post(`/api/sessions/${id}/translations`)
      .set(laura.auth)
      .send({ language: 'es' })
      .expect(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await mina.http
      .post(`/api/sessions/${id}/translations`)
      .set(laura.auth)
      .send({ language: 'fr' })
      .expect(200);
  });
});
