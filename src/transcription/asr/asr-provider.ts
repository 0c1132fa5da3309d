import type { TimedWord } from '../audio/reconcile.js';
import type { AsrInfo } from '../transcription.events.js';
import type { RealtimeAsrStream } from './realtime-asr-stream.js';

export interface SpeakerReference {
  /** The label earlier windows used; the provider is asked to reuse it. */
  label: string;
  /** A short 16 kHz mono WAV of that speaker. */
  wav: Buffer;
}

export interface AsrRequest {
  /** 16 kHz mono. */
  samples: Float32Array;
  kind: 'interim' | 'final';
  /** The tail of the transcript so far: continuity for names, spelling and punctuation. */
  prompt?: string;
  /** The workspace vocabulary: terms the recognizer is told how to spell (ahead of `prompt`). */
  vocabulary?: readonly string[];
  language?: string;
  speakers?: SpeakerReference[];
  signal: AbortSignal;
}

/** A diarized stretch of the window, times relative to the window start. */
export interface AsrSpan {
  text: string;
  startMs: number;
  endMs: number;
  speaker?: string;
}

export interface AsrResult {
  text: string;
  /** ISO 639-1 when the provider says which language it heard. */
  language?: string;
  /** 0–1, from the provider's log-probabilities when it reports them. */
  confidence?: number;
  noSpeechProb?: number;
  avgLogprob?: number;
  words?: TimedWord[];
  spans?: AsrSpan[];
}

/** One speech-to-text backend; the processor does not care which. */
export interface AsrProvider {
  readonly info: AsrInfo;
  /** Speaker labels come back in `spans`, and `speakers` references are used. */
  readonly diarizes: boolean;
  /** Window requests; with `realtime`, the fallback. */
  transcribe(request: AsrRequest): Promise<AsrResult>;
  /** A streaming connection per live session, tried first when present. */
  readonly realtime?: RealtimeAsr;
}

/** Opens a session's realtime transcription connection (see realtime-asr-stream.ts). */
export interface RealtimeAsr {
  /** The breaker its commits run under (not the windowed one: a realtime outage must not stop the fallback). */
  readonly breaker: string;
  /** `prompt`: the workspace vocabulary as the session's transcription prompt (see asr-prompt.ts). */
  open(language: string | undefined, prompt?: string): RealtimeAsrStream;
}

export const ASR_PROVIDER = Symbol('ASR_PROVIDER');

/** No ASR configured: says so honestly and never produces text. */
export class UnconfiguredAsrProvider implements AsrProvider {
  readonly info: AsrInfo = {
    configured: false,
    provider: 'none',
    message: 'No ASR configured: set OPENAI_API_KEY, OPENAI_BASE_URL or MINA_ASR_PROVIDERS. Audio is kept; no segments will appear.',
  };
  readonly diarizes = false;

  transcribe(): Promise<AsrResult> {
    return Promise.reject(new Error(this.info.message));
  }
}
