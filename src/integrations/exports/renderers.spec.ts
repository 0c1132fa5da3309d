import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseMinaJson, parseSrt, parseWebVtt } from '#src/recordings/import/transcript-parser.js';
import { attachmentHeader, exportBaseName } from './content-disposition.js';
import { formatClock, sessionDocument, toExportSession, type ExportSession } from './export-document.js';
import { renderPdf } from './pdf-renderer.js';
import { escapeMarkdown, escapeVtt, renderJson, renderSrt, renderTxt, renderVtt, subtitleTime } from './text-renderers.js';
import type { InsightsView, StageView } from '#src/pipeline/insights/insights.service.js';
import type { SessionView } from '#src/sessions/sessions.service.js';

const run = promisify(execFile);
const collect = async (gen: AsyncGenerator<string>): Promise<string> => {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
};

const ready: StageView = { status: 'ready', fallbackUsed: false, provider: null, attempts: 1, startedAt: null, finishedAt: null };
const view = (over: Partial<SessionView> = {}): SessionView => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Weekly',
  status: 'completed',
  source: 'live',
  language: 'en',
  meetingId: null,
  userId: 'u',
  startedAt: new Date('2026-11-18T10:00:00Z'),
  endedAt: new Date('2026-11-18T11:00:00Z'),
  durationMs: 3_600_000,
  stats: {},
  speakerNames: {},
  createdAt: new Date('2026-11-18T10:00:00Z'),
  legalHold: false,
  legalHoldReason: null,
  legalHoldAt: null,
  legalHoldBy: null,
  ...over,
});
const insights = (over: Partial<InsightsView> = {}): InsightsView => ({
  sessionId: 's',
  status: 'completed',
  fallbackUsed: false,
  stages: { refinement: ready, analytics: ready, tasks: ready, summary: ready },
  transcript: [],
  summary: null,
  tasks: [],
  analytics: null,
  ...over,
});
const seg = (startMs: number, endMs: number, speaker: string | null, text: string, refinedText: string | null = null) => ({
  id: 'x', seq: 0, kind: 'final' as const, text, refinedText, speaker, speakerLabel: speaker, startMs, endMs, confidence: null, language: null,
});

describe('subtitle and clock times', () => {
  it.each([
    [0, ',', '00:00:00,000'],
    [1, '.', '00:00:00.001'],
    [61_001, ',', '00:01:01,001'],
    [3_723_004, '.', '01:02:03.004'],
    [100 * 3_600_000, ',', '100:00:00,000'],
    [-5, '.', '00:00:00.000'],
    [999.6, '.', '00:00:01.000'],
  ] as const)('subtitleTime(%d, %s) = %s', (ms, sep, want) => expect(subtitleTime(ms, sep)).toBe(want));

  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [3_723_000, '1:02:03'],
    [36_000_000, '10:00:00'],
  ])('formatClock(%d) = %s', (ms, want) => expect(formatClock(ms)).toBe(want));
});

describe('escaping', () => {
  it.each([
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['&amp;', '&amp;amp;'],
    ['<v Eve>', '&lt;v Eve&gt;'],
    ['plain', 'plain'],
  ])('escapeVtt(%j)', (input, want) => expect(escapeVtt(input)).toBe(want));

  it.each([
    ['*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['[link](http://x)', '\\[link\\]\\(http://x\\)'],
    ['# not a heading', '\\# not a heading'],
    ['a | b', 'a \\| b'],
    ['line\nbreak', 'line break'],
    ['<script>', '\\<script\\>'],
  ])('escapeMarkdown(%j)', (input, want) => expect(escapeMarkdown(input)).toBe(want));
});

describe('file names', () => {
  it.each([
    ['Weekly sync', '2026-11-18T10:00:00Z', 'Weekly sync 2026-11-18'],
    ['../../etc/passwd', null, 'etc_passwd'],
    ['"quoted"\r\nX-Evil: 1', '2026-01-02', 'quoted_X-Evil_ 1 2026-01-02'],
    ['   ', '2026-01-02', 'mina-export 2026-01-02'],
    ['...hidden', null, 'hidden'],
    ['Встреча 会议', null, 'Встреча 会议'],
  ])('exportBaseName(%j, %j) = %j', (title, date, want) => expect(exportBaseName(title, date)).toBe(want));

  it('bounds the length and keeps the date', () => {
    const name = exportBaseName('x'.repeat(500), '2026-01-02');
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith(' 2026-01-02')).toBe(true);
  });

  it.each([
    ['Weekly sync 2026-11-18', 'attachment; filename="Weekly sync 2026-11-18.pdf"; filename*=UTF-8\'\'Weekly%20sync%202026-11-18.pdf'],
    ['Café', 'attachment; filename="Cafe.pdf"; filename*=UTF-8\'\'Caf%C3%A9.pdf'],
    ['会议', 'attachment; filename="mina-export.pdf"; filename*=UTF-8\'\'%E4%BC%9A%E8%AE%AE.pdf'],
    ["it's (1)*", 'attachment; filename="it_s (1)_.pdf"; filename*=UTF-8\'\'it%27s%20%281%29%2A.pdf'],
  ])('attachmentHeader(%j)', (base, want) => expect(attachmentHeader(base, 'pdf')).toBe(want));
});

describe('subtitles and JSON read back by the importer', () => {
  const session = toExportSession(
    view(),
    insights({
      transcript: [
        seg(0, 1500, 'Ada', 'raw', 'We ship on Friday & <celebrate>.'),
        seg(1500, 3000, null, 'Line one\n\nline two --> three'),
        seg(3_723_004, 3_725_000, 'Bob <Admin> & co', 'Да.'),
      ],
    }),
  );

  it('WebVTT: voices, escaped text, no blank line inside a cue', async () => {
    const vtt = await collect(renderVtt(session));
    expect(parseWebVtt(vtt).map((s) => [s.startMs, s.endMs, s.speaker, s.text])).toEqual([
      [0, 1500, 'Ada', 'We ship on Friday & <celebrate>.'],
      [1500, 3000, null, 'Line one line two -> three'],
      [3_723_004, 3_725_000, 'Bob <Admin> & co', 'Да.'],
    ]);
  });

  it('SRT: numbered cues with "Speaker: " prefixes', async () => {
    const srt = await collect(renderSrt(session));
    expect(srt.split('\n\n')[0]).toBe('1\n00:00:00,000 --> 00:00:01,500\nAda: We ship on Friday & <celebrate>.');
    expect(parseSrt(srt).map((s) => [s.startMs, s.speaker])).toEqual([[0, 'Ada'], [1500, null], [3_723_004, 'Bob  & co']]);
    // SubRip has no escaping: the text is written as said (players that read <b> as markup are its readers' choice).
    expect(srt).toContain('3\n01:02:03,004 --> 01:02:05,000\nBob <Admin> & co: Да.\n');
  });

  it('JSON is exactly what the importer reads', async () => {
    const json = await collect(renderJson(sessionDocument(session), new Date('2026-12-01T00:00:00Z')));
    expect(parseMinaJson(json)).toEqual(session.segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') })));
    expect(JSON.parse(json)).toMatchObject({ mina: 'session-export', version: 1, exportedAt: '2026-12-01T00:00:00.000Z', title: 'Weekly' });
  });

  it('an empty transcript still gives a cue that says why', async () => {
    const empty = toExportSession(view({ status: 'completed', transcription: { state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: 120_000 } }), insights());
    expect(parseSrt(await collect(renderSrt(empty)))[0].text).toMatch(/kept but not transcribed because no speech recognizer/);
    expect(await collect(renderVtt(empty))).toMatch(/NOTE\nNo transcript: the audio \(2 min\) was kept/);
  });
});

describe('missing parts are said, not left blank', () => {
  const failed: StageView = { ...ready, status: 'failed', error: 'LLM timed out' };
  it.each<[string, SessionView, InsightsView, RegExp[]]>([
    ['AI down', view(), insights({ transcript: [seg(0, 1, 'A', 'hi')], stages: { refinement: ready, analytics: ready, tasks: failed, summary: failed } }), [/The summary could not be generated: LLM timed out/, /The action items could not be generated/]],
    ['still recording', view({ status: 'recording' }), insights({ status: 'recording', stages: { refinement: { ...ready, status: 'pending' }, analytics: { ...ready, status: 'pending' }, tasks: { ...ready, status: 'pending' }, summary: { ...ready, status: 'pending' } } }), [/still recording/, /No transcript yet/, /summary is not generated yet: the session is recording/]],
    ['nothing transcribed', view(), insights(), [/No transcript: nothing was transcribed in this session, or its transcript was deleted/, /No summary was generated/]],
    ['fallback summary, language asked for', view(), insights({ transcript: [seg(0, 1, 'A', 'hi')], summary: { overview: 'o', keyPoints: [], decisions: [], risks: [], questions: [], template: null, sections: [], model: null, provider: null, fallbackUsed: true, language: null, requestedLanguage: 'fr', updatedAt: new Date() } }), [/in the meeting's own language: the workspace asks for French/]],
    ['fallback summary', view(), insights({ transcript: [seg(0, 1, 'A', 'hi')], summary: { overview: 'o', keyPoints: [], decisions: [], risks: [], questions: [], template: null, sections: [], model: null, provider: null, fallbackUsed: true, language: null, requestedLanguage: null, updatedAt: new Date() } }), [/made by the simple local fallback/]],
    [
      'a templated summary: its sections first, one the fallback could not write says so',
      view(),
      insights({
        transcript: [seg(0, 1, 'A', 'hi')],
        summary: {
          overview: 'o',
          keyPoints: [],
          decisions: [],
          risks: [{ text: 'Staging is blocked', speaker: 'A' }],
          questions: [],
          template: { id: 'stand-up', name: 'Stand-up' },
          sections: [
            { key: 'yesterday', title: 'Yesterday', items: [], unavailable: 'Not available without AI: the local rules cannot write this section.' },
            { key: 'blockers', title: 'Blockers', items: [{ text: 'Staging is blocked', speaker: 'A' }] },
          ],
          model: null,
          provider: null,
          fallbackUsed: true,
          language: null,
          requestedLanguage: null,
          updatedAt: new Date(),
        },
      }),
      [/Yesterday[\s\S]*Not available without AI[\s\S]*Blockers[\s\S]*Staging is blocked[\s\S]*Key points/],
    ],
  ])('%s', async (_name, s, i, wants) => {
    const txt = await collect(renderTxt(sessionDocument(toExportSession(s, i))));
    for (const want of wants) expect(txt).toMatch(want);
  });
});

describe('a 2-hour meeting and a huge session', () => {
  /** Two hours of talk: a turn every 4 s of about 14 words, in four voices, some Cyrillic. */
  const longSession = (count: number): ExportSession =>
    toExportSession(
      view({ durationMs: count * 4000 }),
      insights({
        transcript: Array.from({ length: count }, (_, i) =>
          seg(i * 4000, i * 4000 + 3800, `Speaker ${i % 4}`, i % 10 === 0 ? `Мы обсуждаем пункт ${i} повестки и сроки выпуска продукта.` : `Turn ${i}: we went over the budget, the release train and who writes the notes.`),
        ),
      }),
    );

  it('renders the PDF of a 2-hour meeting without holding the event loop', async () => {
    const doc = sessionDocument(longSession(1800));
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (c: Buffer) => (bytes += c.length));
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const started = performance.now();
    await renderPdf(doc, out);
    const ms = performance.now() - started;
    lag.disable();
    console.log(`2-hour meeting (1800 turns) PDF: ${Math.round(ms)} ms, ${Math.round(bytes / 1024)} KiB, event loop max delay ${Math.round(lag.max / 1e6)} ms`);
    expect(bytes).toBeGreaterThan(10_000);
    expect(lag.max / 1e6).toBeLessThan(1_000);
  }, 60_000);

  it('streams a 30 000-segment transcript in bounded chunks', async () => {
    const session = longSession(30_000);
    let chunks = 0;
    let largest = 0;
    for await (const c of renderTxt(sessionDocument(session))) {
      chunks++;
      largest = Math.max(largest, c.length);
    }
    expect(chunks).toBeGreaterThan(60);
    expect(largest).toBeLessThan(100_000);
  });

  it('pdftotext reads back a small PDF with Greek, Cyrillic and Hebrew', async () => {
    const s = toExportSession(view(), insights({ transcript: [seg(0, 1, 'Ελένη', 'Καλημέρα σε όλους'), seg(1, 2, 'Борис', 'Привет всем'), seg(2, 3, 'Dana', 'שלום')] }));
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    await renderPdf(sessionDocument(s), out);
    const file = `/tmp/mina-export-spec-${process.pid}.pdf`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(file, Buffer.concat(parts));
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
    rmSync(file);
    expect(text).toContain('Ελένη: Καλημέρα σε όλους');
    expect(text).toContain('Борис: Привет всем');
    expect(text).toContain('שלום');
    // Said in the file, not left to look like a rendering bug: RTL without bidi, CJK without a font.
    expect(text.replace(/\s+/g, ' ')).toContain('Right-to-left text (Hebrew, Arabic) is drawn letter by letter without bidirectional layout');
    expect(text).not.toContain('cannot be drawn with the fonts on this server');
  });

  it('says when a script has no font here (CJK)', async () => {
    const s = toExportSession(view(), insights({ transcript: [seg(0, 1, 'Li', '大家好')] }));
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    await renderPdf(sessionDocument(s), out);
    const file = `/tmp/mina-export-spec-cjk-${process.pid}.pdf`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(file, Buffer.concat(parts));
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
    rmSync(file);
    expect(text.replace(/\s+/g, ' ')).toContain('Some characters (Chinese, Japanese, Korean, Thai or Indic scripts) cannot be drawn with the fonts on this server');
  });
});
