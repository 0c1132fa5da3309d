import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummarySectionView, TemplateView } from '@mina/contract/templates';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { linesOf, scriptedClean, scriptLlm, SCRIPTED_DECISION } from './pipeline.fake-llm.js';
import {
  createStack,
  register,
  waitForStatus,
  type InsightsBody,
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';
import { queueTranscription, storeUpload } from './recording.harness.js';
import { ES2002A, loadFixture } from './transcription-client.js';

/*
 * Issue 16 item 5: summary templates (six built-ins with their own sections, a workspace's own,
 * chosen per meeting or by default) and a workspace vocabulary that reaches the speech recognizer's
 * prompt, the refinement prompt and the local fallback's post-correction.
 */

type Summary = NonNullable<InsightsBody['summary']> & {
  template: { id: string; name: string } | null;
  sections: SummarySectionView[];
};

const SRT = [
  '1\n00:00:00,000 --> 00:00:04,000\nAda Lovelace: Yesterday I finished the billing export and we decided to ship it on Friday.',
  '2\n00:00:04,000 --> 00:00:08,000\nCharles Babbage: I will send the release notes to the team by Thursday.',
  '3\n00:00:08,000 --> 00:00:12,000\nAda Lovelace: The risk is that the staging database is blocked by the migration.',
  '4\n00:00:12,000 --> 00:00:16,000\nCharles Babbage: Mena will review the pricing page tomorrow, is that right?',
].join('\n\n');

describe('summary templates and vocabulary', () => {
  let stack: Stack;
  let fallbackStack: Stack;
  let fake: FakeOpenAI;
  let a: PipelineApp;
  let offline: PipelineApp;
  let laura: Member;
  let bob: Member;
  const refinementSystems: string[] = [];

  const summaryOf = async (app: PipelineApp, member: Member, sessionId: string): Promise<Summary> =>
    (await waitForStatus(app.http, member, sessionId, 'completed', 30_000)).summary as Summary;

  /** Imports the SRT transcript (optionally into a meeting) and returns the new session's id. */
  const importInto = async (
    app: PipelineApp,
    member: Member,
    meetingId?: string,
    srt = SRT,
  ): Promise<string> => {
    const req = app.http.post('/api/sessions/import').set(member.auth);
    if (meetingId) void req.field('meetingId', meetingId);
    const res = await req.attach('file', Buffer.from(srt), 'standup.srt').expect(201);
    return (res.body as { id: string }).id;
  };

  const meeting = async (app: PipelineApp, member: Member, templateId?: string | null): Promise<string> => {
    const res = await app.http
      .post('/api/meetings')
      .set(member.auth)
      .send({
        title: `Meeting ${templateId ?? 'default'}`,
        ...(templateId !== undefined ? { templateId } : {}),
      })
      .expect(201);
    expect((res.body as { templateId: string | null }).templateId).toBe(templateId ?? null);
    return (res.body as { id: string }).id;
  };

  const setSettings = (app: PipelineApp, member: Member, settings: Record<string, unknown>) =>
    app.http.put(`/api/workspaces/${member.workspaceId}`).set(member.auth).send({ settings });

  const template = async (id: string, member = laura): Promise<TemplateView> =>
    (await a.http.get(`/api/templates/${id}`).set(member.auth).expect(200)).body as TemplateView;

  beforeAll(async () => {
    stack = await createStack();
    fallbackStack = await createStack();
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    a = await stack.start({
      env: {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: fake.baseURL,
        MINA_RECORDING_WORKERS: '1',
        MINA_TEMPLATE_MAX_SECTIONS: '4',
        MINA_MAX_TEMPLATES_PER_WORKSPACE: '3',
        MINA_VOCABULARY_MAX_TERMS: '5',
      },
    });
    // No OpenAI at all: every stage runs on the local fallback.
    offline = await fallbackStack.start();
    laura = await register(a.http, 'Laura Smith');
    bob = await register(a.http, 'Bob Jones');
    scriptLlm(fake, { assignee: 'Laura Smith' });
    fake.onChat('transcript_refinement', (req) => {
      const system = (req.messages[0] as { content: string }).content;
      refinementSystems.push(system);
      return { lines: linesOf(req).map((l) => ({ line: l.line, text: scriptedClean(l.text) })) };
    });
  });

  afterAll(async () => {
    await stack?.close();
    await fallbackStack?.close();
    await fake?.close();
    for (const s of [stack, fallbackStack])
      if (s) rmSync(`/tmp/mina-test-${s.redisPrefix}`, { recursive: true, force: true });
  });

  it('lists the six built-ins with their sections, standard as the default', async () => {
    const res = await a.http.get('/api/templates').set(laura.auth).expect(200);
    const list = res.body as TemplateView[];
    expect(res.headers['content-range']).toBe('templates 0-5/6');
    expect(list.map((t) => [t.id, t.builtIn, t.isDefault])).toEqual([
      ['standard', true, true],
      ['one-to-one', true, false],
      ['stand-up', true, false],
      ['sales-call', true, false],
      ['retrospective', true, false],
      ['interview', true, false],
    ]);
    expect(list.find((t) => t.id === 'stand-up')!.sections.map((s) => s.title)).toEqual([
      'Yesterday',
      'Today',
      'Blockers',
    ]);
    expect(list.find((t) => t.id === 'retrospective')!.sections.map((s) => s.title)).toEqual([
      'Went well',
      'To improve',
      'Actions',
    ]);
    expect(list.find((t) => t.id === 'sales-call')!.sections.map((s) => s.title)).toEqual([
      'Customer needs',
      'Objections',
      'Next steps',
      'Budget & timeline',
    ]);
    expect(list.find((t) => t.id === 'interview')!.sections.map((s) => s.title)).toEqual([
      'Candidate background',
      'Strengths',
      'Concerns',
      'Recommendation',
    ]);
    expect(list.find((t) => t.id === 'one-to-one')!.sections.map((s) => s.title)).toEqual([
      'Updates',
      'Feedback',
      'Growth',
      'Follow-ups',
    ]);
    expect(list.find((t) => t.id === 'standard')!.sections.map((s) => s.title)).toEqual([
      'Key points',
      'Decisions',
      'Risks',
      'Open questions',
    ]);
  });

  it('each built-in produces its sections through the pipeline with the model', async () => {
    const sessions = new Map<string, string>();
    for (const id of ['standard', 'one-to-one', 'stand-up', 'sales-call', 'retrospective', 'interview']) {
      sessions.set(id, await importInto(a, laura, await meeting(a, laura, id)));
    }
    for (const [id, sessionId] of sessions) {
      const summary = await summaryOf(a, laura, sessionId);
      const t = await template(id);
      expect(summary.template).toEqual({ id, name: t.name });
      expect(summary.fallbackUsed).toBe(false);
      expect(summary.sections.map((s) => [s.key, s.title])).toEqual(t.sections.map((s) => [s.key, s.title]));
      // The standard fields stay whatever the template: other features read them.
      expect(summary.decisions.map((d) => d.text)).toEqual([SCRIPTED_DECISION]);
      for (const section of summary.sections) {
        expect(section.unavailable).toBeUndefined();
        if (id === 'standard') continue;
        // The model was asked for the section and its answer, anchored in the transcript, is stored.
        expect(section.items).toEqual([
          { text: `Scripted ${section.title}`, speaker: 'Ada Lovelace', atMs: 0 },
        ]);
      }
    }
    const standard = await summaryOf(a, laura, sessions.get('standard')!);
    expect(standard.sections.find((s) => s.key === 'decisions')!.items).toEqual(standard.decisions);
    expect(standard.sections.find((s) => s.key === 'risks')!.items).toEqual(standard.risks);
  });

  it('a meeting’s choice beats the workspace default, which beats standard', async () => {
    await setSettings(a, laura, { summaryTemplate: 'retrospective' }).expect(200);
    expect((await template('retrospective')).isDefault).toBe(true);
    const chosen = await importInto(a, laura, await meeting(a, laura, 'interview'));
    const unchosen = await importInto(a, laura, await meeting(a, laura));
    const noMeeting = await importInto(a, laura);
    expect((await summaryOf(a, laura, chosen)).template?.id).toBe('interview');
    expect((await summaryOf(a, laura, unchosen)).template?.id).toBe('retrospective');
    expect((await summaryOf(a, laura, noMeeting)).template?.id).toBe('retrospective');

    // A meeting's choice can be changed and cleared; cleared, it follows the default again.
    const m = await meeting(a, laura, 'stand-up');
    const updated = await a.http
      .put(`/api/meetings/${m}`)
      .set(laura.auth)
      .send({ templateId: null })
      .expect(200);
    expect((updated.body as { templateId: string | null }).templateId).toBeNull();
    expect((await summaryOf(a, laura, await importInto(a, laura, m))).template?.id).toBe('retrospective');

    await setSettings(a, laura, { summaryTemplate: null }).expect(200);
    expect((await summaryOf(a, laura, await importInto(a, laura))).template?.id).toBe('standard');
  });

  it('custom templates: create, use, edit, delete, with limits, 4xx codes and roles', async () => {
    const created = await a.http
      .post('/api/templates')
      .set(laura.auth)
      .send({
        name: 'Design review',
        description: 'Weekly design review',
        sections: [
          { title: 'Designs shown', instruction: 'Which designs were presented, by whom' },
          { title: 'Feedback given', instruction: 'Feedback on each design' },
        ],
      })
      .expect(201);
    const custom = created.body as TemplateView;
    expect(custom).toMatchObject({
      name: 'Design review',
      builtIn: false,
      isDefault: false,
      description: 'Weekly design review',
    });
    expect(custom.sections.map((s) => s.key)).toEqual(['designsShown', 'feedbackGiven']);
    expect(
      ((await a.http.get('/api/templates').set(laura.auth).expect(200)).body as TemplateView[]).map(
        (t) => t.id,
      ),
    ).toContain(custom.id);

    const summary = await summaryOf(a, laura, await importInto(a, laura, await meeting(a, laura, custom.id)));
    expect(summary.template).toEqual({ id: custom.id, name: 'Design review' });
    expect(summary.sections).toEqual([
      {
        key: 'designsShown',
        title: 'Designs shown',
        items: [{ text: 'Scripted Designs shown', speaker: 'Ada Lovelace', atMs: 0 }],
      },
      {
        key: 'feedbackGiven',
        title: 'Feedback given',
        items: [{ text: 'Scripted Feedback given', speaker: 'Ada Lovelace', atMs: 0 }],
      },
    ]);

    // PUT takes the representation GET returned (read-only fields unchanged, section keys ignored).
    const edited = await a.http
      .put(`/api/templates/${custom.id}`)
      .set(laura.auth)
      .send({ ...custom, name: 'Design critique' })
      .expect(200);
    expect((edited.body as TemplateView).name).toBe('Design critique');
    await a.http
      .put(`/api/templates/${custom.id}`)
      .set(laura.auth)
      .send({ ...custom, builtIn: true })
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('READ_ONLY_FIELD'));

    const bad = async (req: ReturnType<typeof a.http.post>, status: number, code: string) => {
      const res = await req.set(laura.auth);
      expect([res.status, res.body.code]).toEqual([status, code]);
    };
    const section = { title: 'T', instruction: 'I' };
    await bad(
      a.http.post('/api/templates').send({ name: 'No sections', sections: [] }),
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      a.http.post('/api/templates').send({
        name: 'Too many',
        sections: ['a', 'b', 'c', 'd', 'e'].map((t) => ({ title: t, instruction: 'x' })),
      }),
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      a.http.post('/api/templates').send({ name: 'Blank', sections: [{ title: ' ', instruction: 'x' }] }),
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      a.http.post('/api/templates').send({ name: 'Twice', sections: [section, section] }),
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      a.http.post('/api/templates').send({ name: 'x'.repeat(101), sections: [section] }),
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      a.http.post('/api/templates').send({ name: 'Extra', sections: [section], colour: 'red' }),
      400,
      'VALIDATION_FAILED',
    );
    await bad(
      a.http.post('/api/templates').send({ name: 'design CRITIQUE', sections: [section] }),
      409,
      'TEMPLATE_NAME_TAKEN',
    );
    await bad(
      a.http.post('/api/templates').send({ name: 'Stand-up', sections: [section] }),
      409,
      'TEMPLATE_NAME_TAKEN',
    );
    await bad(a.http.put('/api/templates/stand-up').send({ name: 'Mine now' }), 409, 'TEMPLATE_BUILT_IN');
    await bad(a.http.delete('/api/templates/interview'), 409, 'TEMPLATE_BUILT_IN');
    await bad(a.http.get('/api/templates/no-such-template'), 404, 'NOT_FOUND');
    await bad(
      a.http.post('/api/meetings').send({ title: 'Unknown template', templateId: 'nope' }),
      400,
      'TEMPLATE_UNKNOWN',
    );
    await bad(
      a.http
        .put(`/api/workspaces/${laura.workspaceId}`)
        .send({ settings: { summaryTemplate: '00000000-0000-4000-8000-000000000000' } }),
      400,
      'TEMPLATE_UNKNOWN',
    );
    await a.http
      .post('/api/templates')
      .set(laura.auth)
      .send({ name: 'Second', sections: [section] })
      .expect(201);
    await a.http
      .post('/api/templates')
      .set(laura.auth)
      .send({ name: 'Third', sections: [section] })
      .expect(201);
    await bad(
      a.http.post('/api/templates').send({ name: 'Fourth', sections: [section] }),
      409,
      'TEMPLATE_LIMIT',
    );

    // Another workspace sees none of it and cannot use it.
    await a.http.get(`/api/templates/${custom.id}`).set(bob.auth).expect(404);
    await a.http.put(`/api/templates/${custom.id}`).set(bob.auth).send({ name: 'Taken over' }).expect(404);
    await a.http.delete(`/api/templates/${custom.id}`).set(bob.auth).expect(404);
    expect(
      ((await a.http.get('/api/templates').set(bob.auth).expect(200)).body as TemplateView[]).map(
        (t) => t.id,
      ),
    ).not.toContain(custom.id);
    const foreign = await a.http
      .post('/api/meetings')
      .set(bob.auth)
      .send({ title: 'Borrowing', templateId: custom.id });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'TEMPLATE_UNKNOWN']);

    // A member of the workspace reads templates but does not write them.
    const me = (await a.http.get('/api/me').set(bob.auth).expect(200)).body as { email: string };
    await a.http
      .post(`/api/workspaces/${laura.workspaceId}/invitations`)
      .set(laura.auth)
      .send({ email: me.email, role: 'member' })
      .expect(201);
    const invitation = (
      (await a.http.get('/api/me/invitations').set(bob.auth).expect(200)).body as { id: string }[]
    )[0];
    await a.http.post(`/api/invitations/${invitation.id}/accept`).set(bob.auth).expect(200);
    const asMember = { ...bob.auth, 'X-Workspace-Id': laura.workspaceId };
    expect((await a.http.get(`/api/templates/${custom.id}`).set(asMember).expect(200)).body).toMatchObject({
      name: 'Design critique',
    });
    await a.http
      .post('/api/templates')
      .set(asMember)
      .send({ name: 'Member made', sections: [section] })
      .expect(403);
    await a.http.delete(`/api/templates/${custom.id}`).set(asMember).expect(403);

    // Deleting a template sends its meetings and the workspace default back to standard.
    const m = await meeting(a, laura, custom.id);
    await setSettings(a, laura, { summaryTemplate: custom.id }).expect(200);
    await a.http.delete(`/api/templates/${custom.id}`).set(laura.auth).expect(204);
    expect(
      (
        (await a.http.get(`/api/meetings/${m}`).set(laura.auth).expect(200)).body as {
          templateId: string | null;
        }
      ).templateId,
    ).toBeNull();
    const settings = (
      (await a.http.get(`/api/workspaces/${laura.workspaceId}`).set(laura.auth).expect(200)).body as {
        settings: Record<string, unknown>;
      }
    ).settings;
    expect(settings.summaryTemplate).toBeUndefined();
    await a.http.get(`/api/templates/${custom.id}`).set(laura.auth).expect(404);
  });

  it('the vocabulary is bounded, and reaches the refinement prompt', async () => {
    const tooMany = await setSettings(a, laura, { vocabulary: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] });
    expect([tooMany.status, tooMany.body.code, tooMany.body.details?.field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'settings.vocabulary',
    ]);
    const tooLong = await setSettings(a, laura, { vocabulary: ['x'.repeat(101)] });
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const notStrings = await setSettings(a, laura, { vocabulary: [1, 2] });
    expect([notStrings.status, notStrings.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const saved = await setSettings(a, laura, { vocabulary: [' Mina ', 'Acme  Cloud', 'mina'] }).expect(200);
    expect((saved.body as { settings: { vocabulary: string[] } }).settings.vocabulary).toEqual([
      'Mina',
      'Acme Cloud',
    ]);

    refinementSystems.length = 0;
    await summaryOf(a, laura, await importInto(a, laura));
    expect(refinementSystems.length).toBeGreaterThan(0);
    expect(
      refinementSystems.every(
        (s) => s.includes('These terms are spelled so') && s.includes('"Mina", "Acme Cloud"'),
      ),
    ).toBe(true);
  });

  it('the vocabulary reaches the speech recognizer as the prompt of its requests', async () => {
    await setSettings(a, laura, { vocabulary: ['Mina', 'Acme Cloud'] }).expect(200);
    const before = fake.requests.length;
    const sessionId = await storeUpload(a, stack.databaseUrl!, laura, loadFixture().pcm, 'Recorded');
    await queueTranscription(a.app, laura, sessionId);
    await waitForStatus(a.http, laura, sessionId, 'completed', 40_000);
    const asr = fake.requests.slice(before).filter((r) => r.route === 'transcriptions');
    expect(asr.length).toBeGreaterThan(1);
    for (const r of asr) expect(r.prompt?.startsWith('Glossary: Mina, Acme Cloud.')).toBe(true);
  });

  it('without a model: the local rules fill what they can, the rest says so, and near misses of the vocabulary are corrected', async () => {
    const owner = await register(offline.http, 'Olga Offline');
    await setSettings(offline, owner, { vocabulary: ['Mina'] }).expect(200);
    const m = await meeting(offline, owner, 'retrospective');
    const sessionId = await importInto(offline, owner, m);
    const insights = await waitForStatus(offline.http, owner, sessionId, 'completed', 30_000);
    const summary = insights.summary as Summary;
    expect(summary.fallbackUsed).toBe(true);
    expect(summary.template).toEqual({ id: 'retrospective', name: 'Retrospective' });
    const byKey = Object.fromEntries(summary.sections.map((s) => [s.key, s]));
    for (const key of ['wentWell', 'toImprove']) {
      expect(byKey[key].items).toEqual([]);
      expect(byKey[key].unavailable).toMatch(/^Not available without AI/);
    }
    // Actions come from the local action-item rules, as the tasks do.
    expect(byKey.actions.unavailable).toBeUndefined();
    expect(byKey.actions.items.map((i) => i.text).sort()).toEqual(insights.tasks.map((t) => t.title).sort());
    expect(byKey.actions.items.length).toBeGreaterThan(0);

    // "Mena" was heard; the vocabulary says "Mina".
    const line = insights.transcript.find((s) => s.text.startsWith('Mena'))!;
    expect(line.refinedText).toMatch(/^Mina will review the pricing page tomorrow/);
    expect(
      insights.transcript.filter((s) => s !== line).every((s) => !/Mina/.test(s.refinedText ?? '')),
    ).toBe(true);

    const standup = (
      await waitForStatus(
        offline.http,
        owner,
        await importInto(offline, owner, await meeting(offline, owner, 'stand-up')),
        'completed',
        30_000,
      )
    ).summary as Summary;
    const blockers = standup.sections.find((s) => s.key === 'blockers')!;
    expect(blockers.unavailable).toBeUndefined();
    expect(blockers.items).toEqual(standup.risks);
    expect(standup.sections.find((s) => s.key === 'yesterday')!.unavailable).toMatch(
      /^Not available without AI/,
    );
  });
});
