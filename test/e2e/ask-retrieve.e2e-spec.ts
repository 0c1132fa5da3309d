import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskAnswer, Passage, RetrieveResult } from '@mina/contract/ask';
import { importMeeting, type ImportedMeeting } from './ask.harness.js';
import { createStack, register, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';

describe.each(['postgresql', 'pglite'] as const)('POST /api/ask/retrieve on %s', (db) => {
  let stack: Stack;
  let mina: PipelineApp;
  let laura: Member;
  let bob: Member;
  let kickoff: ImportedMeeting;
  let bobs: ImportedMeeting;

  const retrieve = (member: Member, body: Record<string, unknown>) =>
    mina.http.post('/api/ask/retrieve').set(member.auth).send(body);
  const passages = async (member: Member, body: Record<string, unknown>): Promise<Passage[]> =>
    ((await retrieve(member, body).expect(200)).body as RetrieveResult).passages;

  beforeAll(async () => {
    stack = await createStack(db);
    mina = await stack.start({ env: { MINA_ASK_RATE_PER_MINUTE: '1000' } });
    laura = await register(mina.http, 'Laura Smith');
    bob = await register(mina.http, 'Bob Stone');
    kickoff = await importMeeting(mina.http, laura, 'ES2002a.json', 'Kick-off');
    bobs = await importMeeting(mina.http, bob, 'IS1000a.json', 'Bob’s kick-off');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('ranks the window around the turn that answers first, with its real segment, times and speaker', async () => {
    // Turn 109 of ES2002a: "…we're gonna be selling this remote control for twenty five Euro…"
    const found = await passages(laura, {
      question: 'What price will the remote control be selling for, in Euro?',
    });
    expect(found.length).toBeGreaterThan(0);
    const answer = kickoff.transcript[109];
    expect(found[0]).toMatchObject({
      sessionId: kickoff.id,
      segmentId: answer.id,
      speaker: 'Project Manager',
    });
    expect(found[0].startMs).toBeLessThanOrEqual(answer.startMs);
    expect(found[0].endMs).toBeGreaterThanOrEqual(answer.endMs);
    expect(found[0].text).toContain(answer.text);
    expect(found.map((p) => p.score)).toEqual([...found.map((p) => p.score)].sort((a, b) => b - a));
    expect(found.every((p) => p.score > 0 && p.score <= 1)).toBe(true);
    // Windows never overlap: each segment belongs to one passage at most.
    const spans = found
      .filter((p) => p.sessionId === kickoff.id)
      .map((p) => [p.startMs, p.endMs])
      .sort((a, b) => a[0] - b[0]);
    spans.slice(1).forEach(([start], i) => expect(start).toBeGreaterThan(spans[i][1]));
  });

  it('honours limit and the scope filters', async () => {
    const question = { question: 'remote control design' };
    expect(await passages(laura, { ...question, limit: 3 })).toHaveLength(3);
    const bySpeaker = await passages(laura, { ...question, speaker: 'marketing', limit: 20 });
    expect(bySpeaker.length).toBeGreaterThan(0);
    expect(bySpeaker.every((p) => p.speaker === 'Marketing')).toBe(true);
    expect(
      await passages(laura, { ...question, from: '2000-01-01T00:00:00Z', to: '2000-12-31T00:00:00Z' }),
    ).toEqual([]);
    expect(
      (await passages(laura, { ...question, sessionId: kickoff.id })).every(
        (p) => p.sessionId === kickoff.id,
      ),
    ).toBe(true);
  });

  it('with no AI model configured, /api/ask quotes the best passages and says why', async () => {
    const res = await mina.http
      .post('/api/ask')
      .set(laura.auth)
      .send({ question: 'What price will the remote control be selling for, in Euro?' })
      .expect(200);
    const body = res.body as AskAnswer;
    expect(body).toMatchObject({ found: true, fallbackUsed: true, provider: null });
    expect(body.answer).toMatch(/^No AI model answered this \(no AI model is configured\)/);
    const turn = kickoff.transcript[109];
    expect(body.citations[0]).toEqual({
      sessionId: kickoff.id,
      segmentId: turn.id,
      startMs: turn.startMs,
      endMs: turn.endMs,
      speaker: 'Project Manager',
      quote: turn.text,
    });
  });

  it('finds nothing for words no meeting holds, or a question of stopwords only', async () => {
    expect(await passages(laura, { question: 'zeppelin hovercraft volcano' })).toEqual([]);
    expect(await passages(laura, { question: 'what is it that they were about?' })).toEqual([]);
  });

  it('never retrieves another workspace’s words, and 404s its ids', async () => {
    for (const [member, own] of [
      [laura, kickoff],
      [bob, bobs],
    ] as const) {
      const found = await passages(member, { question: 'remote control buttons', limit: 50 });
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((p) => p.sessionId === own.id)).toBe(true);
    }
    await retrieve(bob, { question: 'remote', sessionId: kickoff.id }).expect(404);
    await retrieve(bob, { question: 'remote', meetingId: kickoff.id }).expect(404);
    await mina.http
      .post('/api/ask/retrieve')
      .set({ ...bob.auth, 'X-Workspace-Id': laura.workspaceId })
      .send({ question: 'remote' })
      .expect(404);
    await mina.http.post('/api/ask/retrieve').send({ question: 'remote' }).expect(401);
  });

  it('answers every bad input with a 400 and a code', async () => {
    for (const body of [
      {},
      { question: '' },
      { question: '   ' },
      { question: 'x'.repeat(2_001) },
      { question: 'remote', limit: 51 },
      { question: 'remote', limit: 0 },
      { question: 'remote', limit: 'ten' },
      { question: 'remote', sessionId: 'not-a-uuid' },
      { question: 'remote', meetingId: 42 },
      { question: 'remote', from: 'yesterday' },
      { question: 'remote', to: '2026-02-30T00:00:00Z' },
      { question: 'remote', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { question: 'remote', speaker: '' },
      { question: 'remote', surprise: true },
    ]) {
      const res = await retrieve(laura, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { code: string }).code).toBe('VALIDATION_FAILED');
    }
  });

  it('meets hostile input with a 4xx, never a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom(
        "'; drop table segment; --",
        '!!&|:*',
        "a:* | b & !c <-> 'd'",
        '\u0000',
        '😀'.repeat(50),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            question: fc.oneof(text, fc.anything()),
            speaker: fc.option(text, { nil: undefined }),
            limit: fc.option(fc.oneof(fc.integer(), fc.anything()), { nil: undefined }),
          },
          { requiredKeys: ['question'] },
        ),
        async (body) => {
          const res = await retrieve(laura, body);
          expect(res.status, JSON.stringify(body)).toBeLessThan(500);
          if (res.status === 200)
            expect((res.body as RetrieveResult).passages.every((p) => p.sessionId === kickoff.id)).toBe(true);
        },
      ),
      { numRuns: db === 'postgresql' ? 60 : 20 },
    );
  });
});
