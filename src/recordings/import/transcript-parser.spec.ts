import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseMinaJson, parseSrt, parseTimestamp, parseTranscript, parseWebVtt, TranscriptParseError } from './transcript-parser.js';

const TEAMS = `WEBVTT

NOTE exported by Teams

1a2b-0
00:00:01.000 --> 00:00:04.500
<v Ada Lovelace>Let's start with the budget.</v>

1a2b-1
00:00:04.500 --> 00:00:09.000
<v Charles Babbage>I &amp; the team need two more weeks.</v>
`;

const ZOOM = `WEBVTT

1
00:00:00.000 --> 00:00:02.000
Ada Lovelace: Good morning everyone.

2
00:00:02.000 --> 00:00:03.500
Thanks for coming.
`;

const SRT = `1
00:00:01,000 --> 00:00:04,000
Hello <i>world</i>.

2
00:00:04,000 --> 00:00:06,250
Bob: Second line
continues here.
`;

describe('transcript import parsers', () => {
  it.each([
    ['Teams WebVTT with <v> voices and entities', () => parseWebVtt(TEAMS), [
      { startMs: 1000, endMs: 4500, speaker: 'Ada Lovelace', text: "Let's start with the budget." },
      { startMs: 4500, endMs: 9000, speaker: 'Charles Babbage', text: 'I & the team need two more weeks.' },
    ]],
    ['Zoom WebVTT with "Name: " prefixes', () => parseWebVtt(ZOOM), [
      { startMs: 0, endMs: 2000, speaker: 'Ada Lovelace', text: 'Good morning everyone.' },
      { startMs: 2000, endMs: 3500, speaker: null, text: 'Thanks for coming.' },
    ]],
    ['two voices in one cue become two segments', () => parseWebVtt('WEBVTT\n\n00:01.000 --> 00:03.000\n<v.loud Ada>Yes.</v> <v Bob>No.</v>\n'), [
      { startMs: 1000, endMs: 3000, speaker: 'Ada', text: 'Yes.' },
      { startMs: 1000, endMs: 3000, speaker: 'Bob', text: 'No.' },
    ]],
    ['CRLF line ends, a BOM, cue settings, hours omitted', () => parseWebVtt('\uFEFFWEBVTT - title\r\n\r\n00:05.000 --> 00:06.000 align:start position:10%\r\nHi\r\n'), [
      { startMs: 5000, endMs: 6000, speaker: null, text: 'Hi' },
    ]],
    ['SRT with tags, a speaker prefix and two text lines', () => parseSrt(SRT), [
      { startMs: 1000, endMs: 4000, speaker: null, text: 'Hello world.' },
      { startMs: 4000, endMs: 6250, speaker: 'Bob', text: 'Second line continues here.' },
    ]],
    ['Mina JSON: the insights transcript, refined text preferred', () => parseMinaJson(JSON.stringify({ transcript: [
      { startMs: 0, endMs: 900, speaker: 'Laura', text: 'um so hello', refinedText: 'So, hello.' },
      { startMs: 900, endMs: 1500, speaker: null, text: 'yes' },
    ] })), [
      { startMs: 0, endMs: 900, speaker: 'Laura', text: 'So, hello.' },
      { startMs: 900, endMs: 1500, speaker: null, text: 'yes' },
    ]],
  ])('%s', (_name, parse, expected) => {
    expect(parse()).toEqual(expected);
  });

  it.each([
    ['no WEBVTT header', () => parseWebVtt('00:01.000 --> 00:02.000\nHi\n'), 1, /starts with "WEBVTT"/],
    ['a bad timestamp names its line', () => parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n00:03.000 --> 00:0x.000\nthere\n'), 6, /not a timestamp/],
    ['a cue that ends before it starts', () => parseWebVtt('WEBVTT\n\n00:05.000 --> 00:02.000\nHi\n'), 3, /ends before it starts/],
    ['an identifier with no timing line', () => parseWebVtt('WEBVTT\n\nhello there\nworld\n'), 3, /expected a cue timing line/],
    ['a missing blank line between cues', () => parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n00:02.000 --> 00:03.000\nthere\n'), 5, /separated by a blank line/],
    ['SRT without a cue number', () => parseSrt('00:00:01,000 --> 00:00:02,000\nHi\n'), 1, /expected a cue number/],
    ['SRT with minutes past 59', () => parseSrt('1\n00:61:00,000 --> 00:62:00,000\nHi\n'), 2, /not a timestamp/],
    ['a 50-hour meeting', () => parseSrt('1\n49:00:00,000 --> 50:00:00,000\nHi\n'), 2, /longer than a meeting/],
    ['JSON that does not parse', () => parseMinaJson('{\n  "segments": [\n    {"startMs": 0,,}\n  ]\n}'), 3, /not valid JSON/],
    ['JSON segment with a negative time', () => parseMinaJson('[{"startMs": -5, "endMs": 0, "text": "x"}]'), 0, /segment 1: startMs/],
    ['a file with no text at all', () => parseTranscript('vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\n\n'), 0, /no cue with text/],
  ])('refuses %s', (_name, parse, line, message) => {
    let error: unknown;
    try {
      parse();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TranscriptParseError);
    expect((error as TranscriptParseError).line).toBe(line);
    expect((error as TranscriptParseError).message).toMatch(message);
  });

  it('refuses more cues than the limit instead of cutting the file', () => {
    const cues = Array.from({ length: 4 }, (_, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i + 1},000\nline ${i}\n`).join('\n');
    expect(() => parseSrt(cues, { maxSegments: 3, maxSegmentChars: 100, maxDurationMs: 3_600_000 })).toThrow(/more than 3 cues/);
  });

  it.each([
    ['meeting.vtt', 'anything', 'vtt'],
    ['MEETING.SRT', 'anything', 'srt'],
    [undefined, '\uFEFFWEBVTT\n', 'vtt'],
    [undefined, '1\n00:00:01,000 --> 00:00:02,000\n', 'srt'],
    ['export', '{"segments":[]}', 'json'],
  ] as const)('detects %s / %j as %s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format);
  });

  it('parses timestamps of both formats', () => {
    expect(parseTimestamp('01:02:03.456', 'vtt')).toBe(3_723_456);
    expect(parseTimestamp('02:03.456', 'vtt')).toBe(123_456);
    expect(parseTimestamp('01:02:03,4', 'srt')).toBe(3_723_400);
    expect(parseTimestamp('1:2:3.456', 'vtt')).toBeNull();
  });

  it('never throws anything but a TranscriptParseError, whatever the input', () => {
    fc.assert(
      fc.property(fc.constantFrom('vtt', 'srt', 'json' as const), fc.string({ unit: 'binary', maxLength: 400 }), (format, body) => {
        for (const text of [body, `WEBVTT\n\n${body}`, `1\n00:00:01,000 --> 00:00:02,000\n${body}`]) {
          try {
            const segments = parseTranscript(format, text);
            for (const s of segments) expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
          } catch (err) {
            if (!(err instanceof TranscriptParseError)) throw err;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
