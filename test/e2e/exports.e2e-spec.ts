import { parse as parseSubtitles } from '@plussub/srt-vtt-parser';
import { execFile } from 'node:child_process';
import { get as httpGet, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createStack, insertSegments, register, waitForStatus, type InsightsBody, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';

const run = promisify(execFile);
type Cue = ReturnType<typeof parseSubtitles>['entries'][number];
const FIXTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/exports/multiscript.vtt'));

/** supertest keeps binary bodies as Buffers only when asked to. */
const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

/** A header value a browser accepts: visible ASCII and spaces only, one line. */
const SAFE_HEADER = /^[\x20-\x7e]+$/;

describe('GET /api/sessions/:id/export and /api/meetings/:id/export', () => {
  let stack: Stack;
  let mina: PipelineApp;
  let laura: Member;
  let eve: Member;
  let sessionId: string;
  let insights: InsightsBody;
  let work: string;

  const exportOf = (id: string, format: string, who: Member = laura, what = 'sessions') =>
    mina.http.get(`/api/${what}/${id}/export`).query({ format }).set(who.auth).buffer(true).parse(binary);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mina-exports-'));
    stack = await createStack();
    mina = await stack.start({ env: { MINA_EXPORT_MAX_CONCURRENT: '1' } });
    laura = await register(mina.http, 'Laura Smith');
    eve = await register(mina.http, 'Eve Other');
    const imported = await mina.http
      .post('/api/sessions/import')
      .set(laura.auth)
      .field('title', 'Launch review: "Q4" / plan')
      .attach('file', FIXTURE, { filename: 'launch.vtt', contentType: 'text/vtt' })
      .expect(201);
    sessionId = (imported.body as { id: string }).id;
    await waitForStatus(mina.http, laura, sessionId, 'completed', 40_000);
    await mina.http.patch(`/api/sessions/${sessionId}/speakers`).set(laura.auth).send({ speakers: { spk_a: 'Ada Lovelace' } }).expect(200);
    await mina.http
      .post('/api/tasks')
      .set(laura.auth)
      .send({ title: 'Send the release notes', sessionId, assignedToId: laura.userId, dueDate: '2026-12-10', sourceStartMs: 14_000 })
      .expect(201);
    insights = (await mina.http.get(`/api/sessions/${sessionId}/insights`).set(laura.auth).expect(200)).body as InsightsBody;
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** What the session page shows: refined text where there is one, speakers renamed. */
  const shown = () => insights.transcript.map((s) => ({ startMs: s.startMs, endMs: s.endMs, speaker: s.speaker, text: s.refinedText?.trim() ? s.refinedText : s.text }));

  it('renames flow into the transcript the export starts from', () => {
    expect(shown().map((s) => s.speaker)).toEqual(['Ada Lovelace', 'Bob Jones', 'Eleni', 'Ada Lovelace', 'Bob Jones', 'Eleni']);
  });

  it('json: everything, versioned, and imported back to the same transcript', async () => {
    const res = await exportOf(sessionId, 'json').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = JSON.parse(res.body.toString('utf8')) as Record<string, unknown> & { segments: unknown[]; tasks: { title: string; owner: string; dueDate: string; status: string }[] };
    expect(doc).toMatchObject({ mina: 'session-export', version: 1, id: sessionId, title: 'Launch review: "Q4" / plan', status: 'completed', speakers: ['Ada Lovelace', 'Bob Jones', 'Eleni'] });
    expect(doc.segments).toEqual(shown());
    expect(doc.tasks).toContainEqual(expect.objectContaining({ title: 'Send the release notes', owner: 'Laura Smith', dueDate: '2026-12-10', status: 'open' }));
    expect(doc.summary).toMatchObject({ overview: insights.summary!.overview, fallbackUsed: true });
    expect(doc.analytics).toMatchObject({ talkTime: insights.analytics!.talkTime });
    // No AI server: the export says the summary came from the fallback instead of passing it off as the model's.
    expect(doc.absences).toContainEqual({ part: 'summary', message: expect.stringContaining('fallback') });

    const again = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', res.body, 'launch.json').expect(201);
    const back = await mina.http.get(`/api/sessions/${(again.body as { id: string }).id}/segments`).set(laura.auth).expect(200);
    expect((back.body as { startMs: number; endMs: number; speaker: string; text: string }[]).map((s) => ({ startMs: s.startMs, endMs: s.endMs, speaker: s.speaker, text: s.text }))).toEqual(shown());
  });

  it('srt and vtt: times, texts and voices read back by an independent parser', async () => {
    const srt = await exportOf(sessionId, 'srt').expect(200);
    expect(srt.headers['content-type']).toBe('application/x-subrip; charset=utf-8');
    const srtCues = parseSubtitles(srt.body.toString('utf8')).entries;
    expect(srtCues.map((c: Cue) => [c.from, c.to, c.text])).toEqual(shown().map((s) => [s.startMs, s.endMs, `${s.speaker}: ${s.text}`]));

    const vtt = await exportOf(sessionId, 'vtt').expect(200);
    expect(vtt.headers['content-type']).toBe('text/vtt; charset=utf-8');
    const text = vtt.body.toString('utf8');
    expect(text.startsWith('WEBVTT\n')).toBe(true);
    const vttCues = parseSubtitles(text).entries;
    const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(vttCues.map((c: Cue) => [c.from, c.to])).toEqual(shown().map((s) => [s.startMs, s.endMs]));
    expect(vttCues.map((c: Cue) => /^<v ([^>]+)>/.exec(c.text)?.[1])).toEqual(shown().map((s) => s.speaker));
    expect(vttCues.map((c: Cue) => unescape(c.text.replace(/^<v [^>]+>/, '')))).toEqual(shown().map((s) => s.text));
    // The `<` and `&` the speakers said are escaped, never markup.
    expect(text).toContain('1 &lt; 2');
    expect(text).not.toMatch(/<b>/);
  });

  it('txt and md: title, date, participants, summary, action items, transcript with times', async () => {
    const txt = (await exportOf(sessionId, 'txt').expect(200)).body.toString('utf8');
    expect(txt).toContain('Launch review: "Q4" / plan');
    expect(txt).toContain('Participants: Ada Lovelace, Bob Jones, Eleni');
    expect(txt).toContain(insights.summary!.overview);
    expect(txt).toContain('Send the release notes (owner: Laura Smith; due: 2026-12-10; status: open)');
    expect(txt).toContain('[1:02:03] Eleni: Is the marketing page ready?');
    expect(txt).toContain(`[0:04] Bob Jones: ${shown()[1].text}`);

    const md = (await exportOf(sessionId, 'md').expect(200)).body.toString('utf8');
    expect(md.startsWith('# Launch review: "Q4" / plan\n')).toBe(true);
    expect(md).toContain('| Send the release notes | Laura Smith | 2026\\-12\\-10 | open |');
    expect(md).toContain('**Eleni** \\[1:02:03\\]:');
  });

  it('docx: read back by mammoth', async () => {
    const res = await exportOf(sessionId, 'docx').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { value } = await mammoth.extractRawText({ buffer: res.body });
    for (const want of ['Launch review: "Q4" / plan', 'Participants: Ada Lovelace, Bob Jones, Eleni', 'Summary', 'Decisions', 'Action items', 'Send the release notes', 'Laura Smith', '2026-12-10', 'Transcript'])
      expect(value).toContain(want);
    for (const s of shown()) expect(value).toContain(s.text);
    expect(value).toMatch(/\[1:02:03\]\s*Eleni:/);
  });

  it('pdf: pdftotext gets back Latin, Cyrillic and Greek words, speakers and times', async () => {
    const res = await exportOf(sessionId, 'pdf').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = join(work, 'session.pdf');
    writeFileSync(file, res.body);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const flat = stdout.replace(/\s+/g, ' ');
    for (const want of ['Launch review: "Q4" / plan', 'Ada Lovelace', 'Send the release notes', 'Мы выпускаем версию в пятницу', 'Η ομάδα συμφώνησε', '[1:02:03] Eleni:', insights.summary!.overview.slice(0, 40).replace(/\s+/g, ' ')])
      expect(flat).toContain(want);
  });

  it('Content-Disposition: attachment, the title and date, an ASCII fallback and the UTF-8 name', async () => {
    const res = await exportOf(sessionId, 'txt').expect(200);
    const header = res.headers['content-disposition'];
    expect(header).toMatch(/^attachment; filename="Launch review_ _Q4_ _ plan \d{4}-\d{2}-\d{2}\.txt"; filename\*=UTF-8''Launch%20review_%20_Q4_%20_%20plan%20\d{4}-\d{2}-\d{2}\.txt$/);
  });

  it('a hostile title always gives a safe, valid header (property)', async () => {
    // The title goes in through an import, the one way a session gets an arbitrary title over HTTP.
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }).filter((t) => t.trim().length > 0 && !t.includes('\u0000')), async (title) => {
        const made = await mina.http.post('/api/sessions/import').set(laura.auth).field('title', title).attach('file', Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n'), 'x.vtt');
        if (made.status !== 201) return true;
        const res = await exportOf((made.body as { id: string }).id, 'txt').expect(200);
        const header = res.headers['content-disposition'];
        expect(header).toMatch(SAFE_HEADER);
        const [, ascii, star] = /^attachment; filename="([^"\\/]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(header) ?? [];
        expect(ascii).toBeDefined();
        expect(ascii.length).toBeLessThanOrEqual(120);
        const decoded = decodeURIComponent(star);
        expect(decoded).not.toMatch(/[/\\"\u0000-\u001f\u007f]/u);
        expect([...decoded].length).toBeLessThanOrEqual(105);
        expect(decoded.endsWith('.txt')).toBe(true);
        expect(decoded.startsWith('.')).toBe(false);
        return true;
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('another workspace gets 404; an unknown format gets 400 EXPORT_FORMAT_UNKNOWN; exports are audited', async () => {
    const foreign = await mina.http.get(`/api/sessions/${sessionId}/export`).query({ format: 'txt' }).set(eve.auth).expect(404);
    expect(foreign.body).toMatchObject({ code: 'NOT_FOUND' });
    for (const format of ['exe', '', 'PDF', '../txt']) {
      const bad = await mina.http.get(`/api/sessions/${sessionId}/export`).query({ format }).set(laura.auth).expect(400);
      expect(bad.body).toMatchObject({ code: 'EXPORT_FORMAT_UNKNOWN' });
    }
    await mina.http.get(`/api/sessions/${sessionId}/export`).set(laura.auth).expect(400);
    const { EntityManager } = await import('@mikro-orm/core');
    const { AuditLog } = await import('#src/audit/entities/audit-log.entity.js');
    const rows = await mina.app.get(EntityManager).fork().find(AuditLog, { action: 'session.exported', target: `session:${sessionId}` });
    expect(new Set(rows.map((r) => (r.data as { format: string }).format))).toEqual(new Set(['json', 'srt', 'vtt', 'txt', 'md', 'docx', 'pdf']));
    expect(rows.every((r) => r.ip && r.actor?.id === laura.userId && r.workspace?.id === laura.workspaceId)).toBe(true);
  });

  it('DOCX/PDF renders beyond MINA_EXPORT_MAX_CONCURRENT get 503 EXPORT_BUSY with Retry-After', async () => {
    // A long transcript (written straight in, no pipeline to compete with), so the first render is still running when its first bytes arrive.
    const bigId = await createSession(mina.http, laura, 'Long one');
    await insertSegments(mina.app, bigId, Array.from({ length: 2000 }, (_, i) => ({ startMs: i * 2000, endMs: i * 2000 + 1900, speaker: `Speaker ${i % 3}`, text: `Line ${i} of a long meeting about budgets and release trains.` })));
    const first = await new Promise<IncomingMessage>((ok, fail) =>
      httpGet(`http://127.0.0.1:${((mina.app.getHttpServer() as Server).address() as AddressInfo).port}/api/sessions/${bigId}/export?format=pdf`, { headers: laura.auth }, ok).on('error', fail),
    );
    expect(first.statusCode).toBe(200);
    const busy = await exportOf(sessionId, 'docx').expect(503);
    expect(JSON.parse(busy.body.toString('utf8'))).toMatchObject({ code: 'EXPORT_BUSY', details: { limit: 1 } });
    expect(busy.headers['retry-after']).toBe('5');
    // Text formats are streamed and never wait on the limit.
    await exportOf(sessionId, 'txt').expect(200);
    const parts: Buffer[] = [];
    for await (const chunk of first) parts.push(chunk as Buffer);
    const pdf = Buffer.concat(parts);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    // The slot is free again once the first render is done.
    await exportOf(sessionId, 'docx').expect(200);
  });

  it('a meeting exports as one document with its sessions; subtitles are refused with a pointer to the sessions', async () => {
    const meeting = await mina.http.post('/api/meetings').set(laura.auth).send({ title: 'Weekly sync' }).expect(201);
    const meetingId = (meeting.body as { id: string }).id;
    const empty = (await exportOf(meetingId, 'txt', laura, 'meetings').expect(200)).body.toString('utf8');
    expect(empty).toContain('it has no session');
    await mina.http.post('/api/sessions/import').set(laura.auth).field('meetingId', meetingId).field('title', 'Part one').attach('file', FIXTURE, 'one.vtt').expect(201);
    const md = (await exportOf(meetingId, 'md', laura, 'meetings').expect(200)).body.toString('utf8');
    expect(md).toContain('# Weekly sync');
    expect(md).toContain('## Part one');
    const json = JSON.parse((await exportOf(meetingId, 'json', laura, 'meetings').expect(200)).body.toString('utf8')) as { mina: string; sessions: { title: string; segments: unknown[] }[] };
    expect(json).toMatchObject({ mina: 'meeting-export', version: 1, sessions: [{ title: 'Part one' }] });
    expect(json.sessions[0].segments).toHaveLength(6);
    const docx = await mammoth.extractRawText({ buffer: (await exportOf(meetingId, 'docx', laura, 'meetings').expect(200)).body });
    expect(docx.value).toContain('Weekly sync');
    expect(docx.value).toContain('Part one');
    const pdf = (await exportOf(meetingId, 'pdf', laura, 'meetings').expect(200)).body;
    writeFileSync(join(work, 'meeting.pdf'), pdf);
    expect((await run('pdftotext', ['-enc', 'UTF-8', join(work, 'meeting.pdf'), '-'])).stdout).toContain('Part one');
    const bad = await exportOf(meetingId, 'srt', laura, 'meetings').expect(400);
    expect(JSON.parse(bad.body.toString('utf8'))).toMatchObject({ code: 'EXPORT_FORMAT_UNKNOWN' });
    await exportOf(meetingId, 'txt', eve, 'meetings').expect(404);
  });
});
