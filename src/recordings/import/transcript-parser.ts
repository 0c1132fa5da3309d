/**
 * Parsers for transcripts made elsewhere: WebVTT (Zoom, Teams, Meet), SubRip (SRT) and Mina's own
 * JSON export. Pure functions: text in, segments out, or a `TranscriptParseError` that names the
 * line that failed, so the API can tell a user exactly what to fix in their file.
 */

export type TranscriptFormat = 'vtt' | 'srt' | 'json';

export interface ImportedSegment {
  startMs: number;
  endMs: number;
  /** The speaker the file names (`<v Name>`, or Zoom's `Name: text`), or null. */
  speaker: string | null;
  text: string;
}

export interface ParseLimits {
  /** Cues beyond this many are refused (the whole file, not silently cut). */
  maxSegments: number;
  /** Characters of text in one cue. */
  maxSegmentChars: number;
  /** A cue may not end later than this (a 50-hour "meeting" is a mistake or an attack). */
  maxDurationMs: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxSegments: 20_000,
  maxSegmentChars: 10_000,
  maxDurationMs: 12 * 3_600_000,
};

export class TranscriptParseError extends Error {
  constructor(
    /** 1-based line of the file; 0 when the problem is the file as a whole. */
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
    this.name = 'TranscriptParseError';
  }
}

/** Decides the format from the file name, falling back to the content's first bytes. */
export function detectFormat(filename: string | undefined, text: string): TranscriptFormat {
  const ext = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === 'vtt' || ext === 'srt' || ext === 'json') return ext;
  const start = stripBom(text).trimStart();
  if (start.startsWith('WEBVTT')) return 'vtt';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (/^\d+\s*\r?\n\s*\d/.test(start)) return 'srt';
  throw new TranscriptParseError(0, 'not a WebVTT, SRT or Mina JSON transcript');
}

export function parseTranscript(format: TranscriptFormat, text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ImportedSegment[] {
  const segments = format === 'vtt' ? parseWebVtt(text, limits) : format === 'srt' ? parseSrt(text, limits) : parseMinaJson(text, limits);
  if (segments.length === 0) throw new TranscriptParseError(0, 'the file holds no cue with text');
  return segments;
}

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/;

/** WebVTT per the W3C spec: header, then blocks separated by blank lines; NOTE, STYLE and REGION blocks are skipped. */
export function parseWebVtt(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ImportedSegment[] {
  const lines = splitLines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new TranscriptParseError(1, 'a WebVTT file starts with "WEBVTT"');
  const out: ImportedSegment[] = [];
  let i = 1;
  // Header lines run until the first blank line.
  while (i < lines.length && lines[i].trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const first = lines[i];
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      while (i < lines.length && lines[i].trim() !== '') i++;
      continue;
    }
    // An optional cue identifier precedes the timing line.
    let timingLine = i;
    if (!first.includes('-->')) {
      timingLine = i + 1;
      if (timingLine >= lines.length || !lines[timingLine].includes('-->'))
        throw new TranscriptParseError(i + 1, `expected a cue timing line ("00:00:01.000 --> 00:00:04.000"), found "${clip(first)}"`);
    }
    const { startMs, endMs } = parseTiming(lines[timingLine], timingLine + 1, 'vtt', limits);
    i = timingLine + 1;
    const payload: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') {
      if (lines[i].includes('-->')) throw new TranscriptParseError(i + 1, 'a cue timing line inside a cue: cues are separated by a blank line');
      payload.push(lines[i]);
      i++;
    }
    for (const voice of vttVoices(payload.join('\n'))) pushSegment(out, { startMs, endMs, ...voice }, timingLine + 1, limits);
  }
  return out;
}

/** SubRip: numbered blocks of a timing line ("00:00:01,000 --> 00:00:04,000") and text. */
export function parseSrt(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ImportedSegment[] {
  const lines = splitLines(text);
  const out: ImportedSegment[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    if (!/^\d+$/.test(lines[i].trim())) throw new TranscriptParseError(i + 1, `expected a cue number, found "${clip(lines[i])}"`);
    const timingLine = i + 1;
    if (timingLine >= lines.length) throw new TranscriptParseError(i + 1, 'a cue number with no timing line after it');
    const { startMs, endMs } = parseTiming(lines[timingLine], timingLine + 1, 'srt', limits);
    i = timingLine + 1;
    const payload: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') {
      payload.push(lines[i]);
      i++;
    }
    const plain = decodeEntities(stripTags(payload.join('\n')));
    pushSegment(out, { startMs, endMs, ...speakerPrefix(plain) }, timingLine + 1, limits);
  }
  return out;
}

/**
 * Mina's own JSON: either a session export (`{ segments: [...] }` or `{ transcript: [...] }`, as
 * `GET /api/sessions/:id/insights` returns it) or a bare array of segments, each with
 * `startMs`, `endMs`, `text` (or `refinedText`) and optional `speaker`.
 */
export function parseMinaJson(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ImportedSegment[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stripBom(text));
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message)?.[1];
    const line = pos ? stripBom(text).slice(0, Number(pos)).split('\n').length : 0;
    throw new TranscriptParseError(line, `not valid JSON (${(err as Error).message})`);
  }
  const list = Array.isArray(doc) ? doc : isRecord(doc) ? (doc.segments ?? doc.transcript) : undefined;
  if (!Array.isArray(list)) throw new TranscriptParseError(0, 'a Mina JSON transcript is an array of segments, or an object with "segments" or "transcript"');
  const out: ImportedSegment[] = [];
  list.forEach((item: unknown, index) => {
    const where = `segment ${index + 1}`;
    if (!isRecord(item)) throw new TranscriptParseError(0, `${where} is not an object`);
    const { startMs, endMs } = item;
    const text = typeof item.refinedText === 'string' && item.refinedText.trim() ? item.refinedText : item.text;
    if (!isMs(startMs) || !isMs(endMs)) throw new TranscriptParseError(0, `${where}: startMs and endMs must be whole milliseconds ≥ 0`);
    if (typeof text !== 'string') throw new TranscriptParseError(0, `${where}: text must be a string`);
    if (item.speaker !== undefined && item.speaker !== null && typeof item.speaker !== 'string')
      throw new TranscriptParseError(0, `${where}: speaker must be a string or null`);
    checkTimes(startMs, endMs, 0, limits, where);
    const speaker = typeof item.speaker === 'string' && item.speaker.trim() ? item.speaker.trim() : null;
    pushSegment(out, { startMs, endMs, speaker, text }, 0, limits, where);
  });
  return out;
}

function parseTiming(line: string, lineNo: number, format: 'vtt' | 'srt', limits: ParseLimits): { startMs: number; endMs: number } {
  const m = TIMING.exec(line.trim());
  if (!m) throw new TranscriptParseError(lineNo, `expected "start --> end", found "${clip(line)}"`);
  const startMs = parseTimestamp(m[1], format);
  const endMs = parseTimestamp(m[2], format);
  if (startMs === null) throw new TranscriptParseError(lineNo, `"${clip(m[1])}" is not a timestamp (hh:mm:ss${format === 'srt' ? ',' : '.'}mmm)`);
  if (endMs === null) throw new TranscriptParseError(lineNo, `"${clip(m[2])}" is not a timestamp (hh:mm:ss${format === 'srt' ? ',' : '.'}mmm)`);
  checkTimes(startMs, endMs, lineNo, limits);
  return { startMs, endMs };
}

function checkTimes(startMs: number, endMs: number, lineNo: number, limits: ParseLimits, where?: string): void {
  const prefix = where ? `${where}: ` : '';
  if (endMs < startMs) throw new TranscriptParseError(lineNo, `${prefix}the cue ends before it starts`);
  if (endMs > limits.maxDurationMs)
    throw new TranscriptParseError(lineNo, `${prefix}the cue ends after ${Math.round(limits.maxDurationMs / 3_600_000)} hours, longer than a meeting Mina accepts`);
}

/** `hh:mm:ss.mmm` or `mm:ss.mmm` (WebVTT, hours optional), `hh:mm:ss,mmm` (SRT; a dot is accepted too). */
export function parseTimestamp(value: string, format: 'vtt' | 'srt'): number | null {
  const m = (format === 'vtt' ? /^(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/ : /^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$/).exec(value);
  if (!m) return null;
  const [h, mm, ss, frac] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3]), m[4]];
  return ((h * 60 + mm) * 60 + ss) * 1000 + Number(frac.padEnd(3, '0'));
}

/** Splits a cue's payload into its voices: `<v Name>…</v>` spans (Teams), else a `Name: ` prefix (Zoom). */
function vttVoices(payload: string): { speaker: string | null; text: string }[] {
  const voices: { speaker: string | null; text: string }[] = [];
  const re = /<v(?:\.[^\s>]+)*(?:\s+([^>]*))?>([\s\S]*?)(?=<v[\s.>]|$)/g;
  const before = payload.split(/<v[\s.>]/)[0];
  if (stripTags(before).trim()) voices.push(speakerPrefix(decodeEntities(stripTags(before))));
  for (const m of payload.matchAll(re)) {
    const name = decodeEntities(m[1] ?? '').trim();
    voices.push({ speaker: name || null, text: decodeEntities(stripTags(m[2])) });
  }
  return voices;
}

/** Zoom writes "Ada Lovelace: text"; only a short name-like prefix counts, so "Note: …" in prose is rare enough to accept. */
function speakerPrefix(text: string): { speaker: string | null; text: string } {
  const m = /^([^\s:][^:\n]{0,62}?):\s+([\s\S]+)$/.exec(text.trim());
  if (m && m[1].split(/\s+/).length <= 4 && !/^\d/.test(m[1])) return { speaker: m[1].trim(), text: m[2] };
  return { speaker: null, text };
}

function pushSegment(out: ImportedSegment[], seg: ImportedSegment, lineNo: number, limits: ParseLimits, where?: string): void {
  const text = seg.text.replace(/\s+/g, ' ').trim();
  if (!text) return;
  if (text.length > limits.maxSegmentChars)
    throw new TranscriptParseError(lineNo, `${where ? `${where}: ` : ''}a cue longer than ${limits.maxSegmentChars} characters`);
  if (out.length >= limits.maxSegments) throw new TranscriptParseError(lineNo, `more than ${limits.maxSegments} cues`);
  out.push({ ...seg, speaker: seg.speaker ? seg.speaker.slice(0, 100) : null, text });
}

function stripTags(text: string): string {
  return text.replace(/<\/?[^>]*>/g, '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lrm;|&rlm;/g, '')
    .replace(/&amp;/g, '&');
}

function splitLines(text: string): string[] {
  return stripBom(text).split(/\r\n|\r|\n/);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
