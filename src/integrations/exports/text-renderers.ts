import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  absencesOf,
  documentNotes,
  formatClock,
  formatDate,
  sessionLine,
  summarySections,
  MINA_EXPORT_VERSION,
  type ExportDocument,
  type ExportSegment,
  type ExportSession,
  type MinaMeetingExport,
  type MinaSessionExport,
} from './export-document.js';

/** Segments written between two returns to the event loop: a 20 000-cue session never holds it for long. */
export const CHUNK_SEGMENTS = 500;

/** `00:01:02,003` (SRT) or `00:01:02.003` (WebVTT); hours grow past two digits instead of wrapping. */
export function subtitleTime(ms: number, separator: ',' | '.'): string {
  const t = Math.max(0, Math.round(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}${separator}${pad(t % 1000, 3)}`;
}

/** Cue text never contains a blank line (it would end the cue) nor a `-->`; WebVTT escapes `&`, `<`, `>`. */
function cueText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n\s*\n/g, '\n').replace(/-->/g, '->').trim();
}

export function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A voice name ends at `>` and may not hold `&` or `<` unescaped either. */
function vttVoice(name: string): string {
  return escapeVtt(name.replace(/[\r\n]+/g, ' ').trim());
}

/** Markdown's inline specials, escaped so a speaker's words never become formatting or links. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, ' ');
}

function* chunks<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += CHUNK_SEGMENTS) yield items.slice(i, i + CHUNK_SEGMENTS);
}

async function* perSegment(segments: readonly ExportSegment[], line: (s: ExportSegment, index: number) => string): AsyncGenerator<string> {
  let index = 0;
  for (const chunk of chunks(segments)) {
    yield chunk.map((s) => line(s, index++)).join('');
    await yieldToLoop();
  }
}

export async function* renderSrt(session: ExportSession): AsyncGenerator<string> {
  // A player shows nothing for a file without cues: a single cue says why.
  if (session.segments.length === 0) {
    yield `1\n00:00:00,000 --> 00:00:05,000\n${cueText(absencesOf(session, 'transcript').join(' ') || 'No transcript.')}\n`;
    return;
  }
  yield* perSegment(
    session.segments,
    (s, i) => `${i + 1}\n${subtitleTime(s.startMs, ',')} --> ${subtitleTime(Math.max(s.endMs, s.startMs), ',')}\n${s.speaker ? `${cueText(s.speaker)}: ` : ''}${cueText(s.text)}\n\n`,
  );
}

export async function* renderVtt(session: ExportSession): AsyncGenerator<string> {
  yield `WEBVTT\n\nNOTE\n${cueText(session.title).replace(/-->/g, '->')}\n\n`;
  if (session.segments.length === 0) {
    yield `NOTE\n${cueText(absencesOf(session, 'transcript').join(' ') || 'No transcript.')}\n`;
    return;
  }
  yield* perSegment(
    session.segments,
    (s) => `${subtitleTime(s.startMs, '.')} --> ${subtitleTime(Math.max(s.endMs, s.startMs), '.')}\n${s.speaker ? `<v ${vttVoice(s.speaker)}>` : ''}${escapeVtt(cueText(s.text))}\n\n`,
  );
}

function header(doc: ExportDocument): string[] {
  return [`Date: ${formatDate(doc.date)}`, `Participants: ${doc.participants.length ? doc.participants.join(', ') : 'none named'}`];
}

function taskLine(t: ExportSession['tasks'][number]): string {
  return `${t.title} (owner: ${t.owner ?? 'unassigned'}; due: ${t.dueDate ?? 'no date'}; status: ${t.status})`;
}

export async function* renderTxt(doc: ExportDocument): AsyncGenerator<string> {
  yield `${doc.title}\n${'='.repeat(Math.min(doc.title.length, 80))}\n${header(doc).join('\n')}\n`;
  for (const note of documentNotes(doc)) yield `\nNote: ${note}\n`;
  for (const s of doc.sessions) {
    yield `${doc.kind === 'meeting' ? `\n\n${s.title}\n${'-'.repeat(Math.min(s.title.length, 80))}\n` : ''}${sessionLine(doc, s)}\n`;
    for (const note of absencesOf(s, 'session')) yield `\nNote: ${note}\n`;
    yield '\nSummary\n';
    if (s.summary) {
      yield `${s.summary.overview}\n`;
      for (const [name, items] of summarySections(s.summary))
        yield `\n${name}\n${items.length ? items.map((i) => `- ${i.text}${i.speaker ? ` (${i.speaker})` : ''}\n`).join('') : '- none\n'}`;
    }
    for (const note of absencesOf(s, 'summary')) yield `${note}\n`;
    yield '\nAction items\n';
    yield s.tasks.map((t) => `- ${taskLine(t)}\n`).join('');
    for (const note of absencesOf(s, 'tasks')) yield `${note}\n`;
    yield '\nTranscript\n';
    for (const note of absencesOf(s, 'transcript')) yield `${note}\n`;
    yield* perSegment(s.segments, (x) => `[${formatClock(x.startMs)}] ${x.speaker ?? 'Unknown speaker'}: ${x.text}\n`);
  }
}

export async function* renderMarkdown(doc: ExportDocument): AsyncGenerator<string> {
  const md = escapeMarkdown;
  yield `# ${md(doc.title)}\n\n${header(doc).map((l) => `${md(l)}  \n`).join('')}`;
  for (const note of documentNotes(doc)) yield `\n> ${md(note)}\n`;
  const level = doc.kind === 'meeting' ? '###' : '##';
  for (const s of doc.sessions) {
    yield `${doc.kind === 'meeting' ? `\n## ${md(s.title)}\n\n` : ''}${md(sessionLine(doc, s))}\n`;
    for (const note of absencesOf(s, 'session')) yield `\n> ${md(note)}\n`;
    yield `\n${level} Summary\n\n`;
    if (s.summary) {
      yield `${md(s.summary.overview)}\n`;
      for (const [name, items] of summarySections(s.summary))
        yield `\n**${name}**\n\n${items.length ? items.map((i) => `- ${md(i.text)}${i.speaker ? ` \\(${md(i.speaker)}\\)` : ''}\n`).join('') : '- none\n'}`;
    }
    for (const note of absencesOf(s, 'summary')) yield `\n> ${md(note)}\n`;
    yield `\n${level} Action items\n\n`;
    if (s.tasks.length) {
      yield '| Task | Owner | Due | Status |\n| --- | --- | --- | --- |\n';
      yield s.tasks.map((t) => `| ${md(t.title)} | ${md(t.owner ?? 'unassigned')} | ${md(t.dueDate ?? 'no date')} | ${md(t.status)} |\n`).join('');
    }
    for (const note of absencesOf(s, 'tasks')) yield `> ${md(note)}\n`;
    yield `\n${level} Transcript\n\n`;
    for (const note of absencesOf(s, 'transcript')) yield `> ${md(note)}\n\n`;
    yield* perSegment(s.segments, (x) => `**${md(x.speaker ?? 'Unknown speaker')}** \\[${formatClock(x.startMs)}\\]: ${md(x.text)}\n\n`);
  }
}

/**
 * JSON, written in pieces: a session is one `MinaSessionExport` object whose `segments` the import
 * reads back; a meeting is a `MinaMeetingExport` holding its sessions.
 */
export async function* renderJson(doc: ExportDocument, exportedAt: Date): AsyncGenerator<string> {
  const head = { version: MINA_EXPORT_VERSION, exportedAt: exportedAt.toISOString() };
  if (doc.kind === 'session') {
    const { segments, ...rest } = doc.sessions[0];
    const open: Omit<MinaSessionExport, 'segments'> = { mina: 'session-export', ...head, ...rest };
    yield `${JSON.stringify(open).slice(0, -1)},"segments":[`;
    yield* jsonSegments(segments);
    yield ']}';
    return;
  }
  const open: Omit<MinaMeetingExport, 'sessions'> = {
    mina: 'meeting-export',
    ...head,
    id: doc.meeting!.id,
    title: doc.title,
    scheduledStart: doc.meeting!.scheduledStart,
    participants: doc.participants,
  };
  yield `${JSON.stringify(open).slice(0, -1)},"sessions":[`;
  for (const [i, s] of doc.sessions.entries()) {
    const { segments, ...rest } = s;
    yield `${i ? ',' : ''}${JSON.stringify(rest).slice(0, -1)},"segments":[`;
    yield* jsonSegments(segments);
    yield ']}';
  }
  yield ']}';
}

async function* jsonSegments(segments: readonly ExportSegment[]): AsyncGenerator<string> {
  let first = true;
  for (const chunk of chunks(segments)) {
    yield `${first ? '' : ','}${chunk.map((s) => JSON.stringify({ startMs: s.startMs, endMs: s.endMs, speaker: s.speaker, text: s.text })).join(',')}`;
    first = false;
    await yieldToLoop();
  }
}
