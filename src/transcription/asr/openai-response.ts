import type { TimedWord } from '../audio/reconcile.js';
import type { AsrResult, AsrSpan } from './asr-provider.js';

/** Whisper's verbose_json names the language ("english"); segments and ISO codes want "en". */
const LANGUAGE_CODES: Record<string, string> = {
  english: 'en', german: 'de', french: 'fr', spanish: 'es', italian: 'it', portuguese: 'pt', dutch: 'nl',
  russian: 'ru', chinese: 'zh', japanese: 'ja', korean: 'ko', arabic: 'ar', hindi: 'hi', turkish: 'tr',
  polish: 'pl', swedish: 'sv', ukrainian: 'uk', czech: 'cs', danish: 'da', finnish: 'fi', greek: 'el',
  hebrew: 'he', norwegian: 'no', romanian: 'ro', hungarian: 'hu', indonesian: 'id', vietnamese: 'vi', thai: 'th',
};

export function languageCode(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const v = raw.trim().toLowerCase();
  return LANGUAGE_CODES[v] ?? (v.length <= 16 ? v : undefined);
}

/** A body that is not the JSON we asked for (a proxy's HTML page, a truncated answer): retriable. */
export class MalformedAsrResponseError extends Error {
  constructor(detail: string) {
    super(`ASR answered with a malformed body: ${detail}`);
    this.name = 'MalformedAsrResponseError';
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const mean = (xs: number[]): number | undefined => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

function body(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { text?: unknown }).text !== 'string') {
    throw new MalformedAsrResponseError(typeof raw === 'string' ? raw.slice(0, 80) : typeof raw);
  }
  return raw as Record<string, unknown>;
}

/** whisper-1 verbose_json: confidence from the segments' avg_logprob, no_speech_prob for the hallucination filter. */
export function fromVerboseJson(raw: unknown): AsrResult {
  const b = body(raw);
  const segments = Array.isArray(b.segments) ? (b.segments as Record<string, unknown>[]) : [];
  const avgLogprob = mean(segments.map((s) => num(s.avg_logprob)).filter((x) => x !== undefined));
  const noSpeech = segments.map((s) => num(s.no_speech_prob)).filter((x) => x !== undefined);
  const words: TimedWord[] | undefined = Array.isArray(b.words)
    ? (b.words as Record<string, unknown>[])
        .filter((w) => typeof w.word === 'string')
        .map((w) => ({ text: w.word as string, startMs: (num(w.start) ?? 0) * 1000, endMs: (num(w.end) ?? 0) * 1000 }))
    : undefined;
  return {
    text: (b.text as string).trim(),
    language: languageCode(b.language),
    avgLogprob,
    confidence: avgLogprob !== undefined ? Math.exp(avgLogprob) : undefined,
    noSpeechProb: noSpeech.length ? Math.min(...noSpeech) : undefined,
    words,
  };
}

/** gpt-4o(-mini)-transcribe json, with token logprobs when the server returns them. */
export function fromJson(raw: unknown): AsrResult {
  const b = body(raw);
  const logprobs = Array.isArray(b.logprobs)
    ? (b.logprobs as Record<string, unknown>[]).map((l) => num(l.logprob)).filter((x) => x !== undefined)
    : [];
  const avg = mean(logprobs);
  return {
    text: (b.text as string).trim(),
    language: languageCode(b.language),
    avgLogprob: avg,
    confidence: avg !== undefined ? Math.exp(avg) : undefined,
  };
}

/** gpt-4o-transcribe-diarize diarized_json: spans with speaker labels. */
export function fromDiarizedJson(raw: unknown): AsrResult {
  const b = body(raw);
  const spans: AsrSpan[] = Array.isArray(b.segments)
    ? (b.segments as Record<string, unknown>[])
        .filter((s) => typeof s.text === 'string')
        .map((s) => ({
          text: (s.text as string).trim(),
          startMs: (num(s.start) ?? 0) * 1000,
          endMs: (num(s.end) ?? 0) * 1000,
          speaker: typeof s.speaker === 'string' ? s.speaker : undefined,
        }))
    : [];
  return { text: (b.text as string).trim(), language: languageCode(b.language), spans };
}
