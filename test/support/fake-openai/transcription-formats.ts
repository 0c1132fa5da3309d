import type { HeardWord } from './audio-matcher.js';

export interface FormatContext {
  model: string;
  durationMs: number;
  language?: string;
  granularities: string[];
  speakerLabel: (speaker: string) => string;
}

export interface FormattedBody {
  contentType: string;
  body: string;
}

interface Segment {
  startMs: number;
  endMs: number;
  text: string;
  speaker: string;
  words: HeardWord[];
}

const LANGUAGES: Record<string, string> = {
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
};

const sec = (ms: number) => Math.round(ms) / 1000;
const tokens = (text: string) => Math.ceil(text.length / 4);

/** One segment per run of words from the same utterance. */
function segmentsOf(words: readonly HeardWord[]): Segment[] {
  const segments: Segment[] = [];
  let current: HeardWord[] = [];
  const flush = () => {
    if (!current.length) return;
    segments.push({
      startMs: current[0].startMs,
      endMs: current.at(-1)!.endMs,
      text: current.map((w) => w.word).join(' '),
      speaker: current[0].speaker,
      words: current,
    });
    current = [];
  };
  for (const w of words) {
    if (current.length && current.at(-1)!.utteranceKey !== w.utteranceKey) flush();
    current.push(w);
  }
  flush();
  return segments;
}

function usage(ctx: FormatContext, text: string) {
  if (ctx.model.startsWith('whisper')) return { type: 'duration', seconds: Math.ceil(ctx.durationMs / 1000) };
  const audio = Math.ceil(ctx.durationMs / 100);
  const output = tokens(text);
  return {
    type: 'tokens',
    input_tokens: audio,
    input_token_details: { text_tokens: 0, audio_tokens: audio },
    output_tokens: output,
    total_tokens: audio + output,
  };
}

function tokenIds(text: string): number[] {
  return text
    .split(' ')
    .filter(Boolean)
    .map((w) => 220 + ([...w].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 50000, 7) % 50000));
}

function timestamp(ms: number, separator: ',' | '.'): string {
  const t = Math.round(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}${separator}${pad(t % 1000, 3)}`;
}

export function formatTranscription(
  format: string,
  words: readonly HeardWord[],
  ctx: FormatContext,
): FormattedBody {
  const text = words.map((w) => w.word).join(' ');
  const segments = segmentsOf(words);
  const json = (body: unknown): FormattedBody => ({
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  switch (format) {
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
    case 'srt':
      return {
        contentType: 'text/plain; charset=utf-8',
        body: segments
          .map((s, i) => `${i + 1}\n${timestamp(s.startMs, ',')} --> ${timestamp(s.endMs, ',')}\n${s.text}\n`)
          .join('\n'),
      };
    case 'vtt':
      return {
        contentType: 'text/plain; charset=utf-8',
        body: `WEBVTT\n\n${segments.map((s) => `${timestamp(s.startMs, '.')} --> ${timestamp(s.endMs, '.')}\n${s.text}\n`).join('\n')}`,
      };
    case 'verbose_json': {
      const wantWords = ctx.granularities.includes('word');
      const wantSegments = !(wantWords && ctx.granularities.length === 1);
      return json({
        task: 'transcribe',
        language: LANGUAGES[ctx.language ?? 'en'] ?? ctx.language,
        duration: sec(ctx.durationMs),
        text,
        ...(wantSegments && {
          segments: segments.map((s, id) => ({
            id,
            seek: 0,
            start: sec(s.startMs),
            end: sec(s.endMs),
            text: ` ${s.text}`,
            tokens: tokenIds(s.text),
            temperature: 0,
            avg_logprob: -0.18,
            compression_ratio: 1.21,
            no_speech_prob: 0.012,
          })),
        }),
        ...(wantWords && {
          words: words.map((w) => ({ word: w.word, start: sec(w.startMs), end: sec(w.endMs) })),
        }),
        usage: { type: 'duration', seconds: Math.ceil(ctx.durationMs / 1000) },
      });
    }
    case 'diarized_json':
      return json({
        task: 'transcribe',
        duration: sec(ctx.durationMs),
        text,
        segments: segments.map((s, i) => ({
          type: 'transcript.text.segment',
          id: `seg_${i}`,
          start: sec(s.startMs),
          end: sec(s.endMs),
          text: s.text,
          speaker: ctx.speakerLabel(s.speaker),
        })),
        usage: usage(ctx, text),
      });
    default:
      return json({ text, usage: usage(ctx, text) });
  }
}
