import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStack, meetingTurns, register, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';

const clock = (ms: number, sep: '.' | ','): string => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${sep}${pad(ms % 1000, 3)}`;
};

/** The first turns of the real ES2002a meeting, as Teams writes WebVTT: one `<v Speaker>` cue a turn. */
function teamsVtt(turns: ReturnType<typeof meetingTurns>): string {
  const cues = turns.map((t, i) => `${i}-cue\n${clock(t.startMs, '.')} --> ${clock(t.endMs, '.')}\n<v ${t.speaker}>${t.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</v>`);
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

describe('POST /api/sessions/import (WebVTT, SRT, Mina JSON → a session and its pipeline)', () => {
  let stack: Stack;
  let mina: PipelineApp;
  let laura: Member;
  let bob: Member;

  beforeAll(async () => {
    stack = await createStack();
    mina = await stack.start({ env: { MINA_IMPORT_MAX_BYTES: String(256 * 1024) } });
    laura = await register(mina.http, 'Laura Smith');
    bob = await register(mina.http, 'Bob Jones');
  });

  afterAll(async () => {
    await stack?.close();
  });

  const sessionCount = async (member: Member): Promise<number> => {
    const res = await mina.http.get('/api/sessions').set(member.auth).expect(200);
    return Number(/\/(\d+)$/.exec(res.headers['content-range'])?.[1]);
  };

  it('imports a Teams WebVTT export with its speakers and times, and runs the pipeline on it', async () => {
    const turns = meetingTurns('ES2002a.json', 40).filter((t) => t.text.replace(/\{[^}]*\}/g, '').trim());
    const res = await mina.http
      .post('/api/sessions/import')
      .set(laura.auth)
      .field('title', 'Kick-off (Teams)')
      .attach('file', Buffer.from(teamsVtt(turns)), { filename: 'kickoff.vtt', contentType: 'text/vtt' })
      .expect(201);
    const body = res.body as { id: string; source: string; status: string; format: string; segments: number; title: string };
    expect(body).toMatchObject({ source: 'import', status: 'processing', format: 'vtt', title: 'Kick-off (Teams)' });
    expect(body.segments).toBe(turns.length);

    const insights = await waitForStatus(mina.http, laura, body.id, 'completed', 30_000);
    expect(insights.transcript.map((s) => [s.speaker, s.startMs, s.endMs])).toEqual(turns.map((t) => [t.speaker, t.startMs, t.endMs]));
    expect(insights.transcript[0].text).toBe(turns[0].text.replace(/\s+/g, ' ').trim());
    expect(Object.values(insights.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(insights.analytics!.talkTime.map((t) => t.speaker).sort()).toEqual([...new Set(turns.map((t) => t.speaker))].sort());

    const session = await mina.http.get(`/api/sessions/${body.id}`).set(laura.auth).expect(200);
    expect(session.body).toMatchObject({ source: 'import', status: 'completed' });
    const bySource = async (source: string) =>
      ((await mina.http.get('/api/sessions').query({ filter: JSON.stringify({ source }) }).set(laura.auth).expect(200)).body as { id: string }[]).map((s) => s.id);
    expect(await bySource('import')).toContain(body.id);
    expect(await bySource('live')).not.toContain(body.id);
    const lastEnd = turns.at(-1)!.endMs;
    expect(new Date(session.body.endedAt as string).getTime() - new Date(session.body.startedAt as string).getTime()).toBeGreaterThanOrEqual(lastEnd - 1000);
    expect(session.body.stats).toMatchObject({ importedFrom: 'vtt', importedFile: 'kickoff.vtt', segments: turns.length, audioMs: lastEnd });
  });

  it('imports SRT with Zoom-style "Name: " lines, and Mina JSON', async () => {
    const srt = '1\n00:00:00,000 --> 00:00:02,500\nAda Lovelace: We ship on Friday.\n\n2\n00:00:02,500 --> 00:00:04,000\nCharles Babbage: Agreed.\n';
    const a = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', Buffer.from(srt), 'standup.srt').expect(201);
    expect(a.body).toMatchObject({ format: 'srt', segments: 2, title: 'standup' });
    const segs = await mina.http.get(`/api/sessions/${a.body.id}/segments`).set(laura.auth).expect(200);
    expect((segs.body as { speaker: string; text: string }[]).map((s) => [s.speaker, s.text])).toEqual([
      ['Ada Lovelace', 'We ship on Friday.'],
      ['Charles Babbage', 'Agreed.'],
    ]);

    const json = JSON.stringify({ transcript: [{ startMs: 0, endMs: 1000, speaker: 'Laura', text: 'hello', refinedText: 'Hello.' }] });
    const b = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', Buffer.from(json), 'export.json').expect(201);
    expect(b.body).toMatchObject({ format: 'json', segments: 1, source: 'import' });
  });

  it('imports a long file in slices, in order, attached to a meeting of the workspace', async () => {
    const meeting = await mina.http.post('/api/meetings').set(laura.auth).send({ title: 'All hands' }).expect(201);
    const cues = Array.from({ length: 2_500 }, (_, i) => `${i + 1}\n${clock(i * 1000, ',')} --> ${clock(i * 1000 + 900, ',')}\nline ${i}`).join('\n\n');
    const res = await mina.http.post('/api/sessions/import').set(laura.auth).field('meetingId', meeting.body.id as string).attach('file', Buffer.from(cues), 'all-hands.srt').expect(201);
    expect(res.body).toMatchObject({ segments: 2_500, meetingId: meeting.body.id });
    const segs = (await mina.http.get(`/api/sessions/${res.body.id}/segments`).set(laura.auth).expect(200)).body as { seq: number; text: string; startMs: number }[];
    expect(segs).toHaveLength(2_500);
    expect(segs.every((s, i) => s.seq === i && s.text === `line ${i}` && s.startMs === i * 1000)).toBe(true);
  });

  it('refuses malformed files with the line that failed, and keeps nothing of them', async () => {
    const before = await sessionCount(laura);
    const bad = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ada>fine</v>\n\n00:00:03.000 --> 00:00:0x.000\n<v Ada>broken</v>\n';
    const res = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', Buffer.from(bad), 'broken.vtt').expect(400);
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ code: 'TRANSCRIPT_INVALID', details: { line: 6 } });
    expect(res.body.message).toMatch(/broken\.vtt: line 6: .*not a timestamp/);

    for (const [name, content, code] of [
      ['empty.vtt', 'WEBVTT\n', 'TRANSCRIPT_INVALID'],
      ['notes.txt', 'just some notes', 'TRANSCRIPT_INVALID'],
      ['latin1.srt', Buffer.from([0x31, 0x0a, 0xe9, 0xff, 0xfe]), 'TRANSCRIPT_INVALID'],
      ['long.srt', '1\n47:00:00,000 --> 48:00:00,000\nstill talking\n', 'TRANSCRIPT_INVALID'],
      ['nul.srt', '1\n00:00:00,000 --> 00:00:01,000\nhel\u0000lo\n', 'TRANSCRIPT_INVALID'],
    ] as const) {
      const r = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', Buffer.from(content), name);
      expect([r.status, r.body.code], name).toEqual([400, code]);
    }
    const nulTitle = await mina.http.post('/api/sessions/import').set(laura.auth).field('title', 'a\u0000b').attach('file', Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n'), 'ok.vtt');
    expect([nulTitle.status, nulTitle.body.code]).toEqual([400, 'INVALID_CHARACTER']);
    const noFile = await mina.http.post('/api/sessions/import').set(laura.auth).send({ title: 'x' });
    expect(noFile.status).toBe(400);
    const tooBig = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', Buffer.alloc(257 * 1024, 'a'), 'huge.vtt');
    expect(tooBig.status).toBe(413);
    expect(await sessionCount(laura)).toBe(before);
  });

  it('is scoped to the workspace and its roles', async () => {
    const vtt = Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n');
    await mina.http.post('/api/sessions/import').attach('file', vtt, 'a.vtt').expect(401);
    // Bob's own workspace is not Laura's: her header gets him a 404, and her meeting is not his to attach to.
    await mina.http.post('/api/sessions/import').set({ ...bob.auth, 'X-Workspace-Id': laura.workspaceId }).attach('file', vtt, 'a.vtt').expect(404);
    const meeting = await mina.http.post('/api/meetings').set(laura.auth).send({ title: 'Laura only' }).expect(201);
    const r = await mina.http.post('/api/sessions/import').set(bob.auth).field('meetingId', meeting.body.id as string).attach('file', vtt, 'a.vtt');
    expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // A viewer may read sessions but not create them.
    const email = `viewer-${Date.now()}@example.com`;
    await mina.http.post('/api/auth/register').send({ email, password: 'correct horse battery', name: 'Vera Viewer' }).expect(201);
    const login = await mina.http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
    const bearer = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    const invited = await mina.http.post(`/api/workspaces/${laura.workspaceId}/members`).set(laura.auth).send({ email, role: 'viewer' }).expect(201);
    await mina.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set(bearer).expect(200);
    const vera = { ...bearer, 'X-Workspace-Id': laura.workspaceId };
    await mina.http.post('/api/sessions/import').set(vera).attach('file', vtt, 'a.vtt').expect(403);
  });
});
