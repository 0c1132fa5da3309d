import OpenAI, { APIError, toFile } from 'openai';
import type { TranscriptionCreateParamsNonStreaming } from 'openai/resources/audio/transcriptions';
import { NonRetriableError } from '#src/resilience/resilience.errors.js';
import { encodeWav } from '../audio/wav.js';
import type { AsrInfo } from '../transcription.events.js';
import type { AsrProvider, AsrRequest, AsrResult } from './asr-provider.js';
import { asrPrompt } from './asr-prompt.js';
import { fromDiarizedJson, fromJson, fromVerboseJson } from './openai-response.js';

export interface OpenAiAsrOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
}

type Flavour = 'whisper' | 'diarize' | 'json';

/** OpenAI or any compatible server (OPENAI_BASE_URL) through the official SDK's /v1/audio/transcriptions. */
export class OpenAiAsrProvider implements AsrProvider {
  readonly info: AsrInfo;
  readonly diarizes: boolean;
  private readonly client: OpenAI;
  private readonly flavour: Flavour;

  constructor(private readonly options: OpenAiAsrOptions) {
    // Retries, timeouts and the breaker are ours (resilience module), not the SDK's.
    this.client = new OpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseURL, maxRetries: 0, timeout: 120_000 });
    this.flavour = /diarize/.test(options.model) ? 'diarize' : /^whisper/.test(options.model) ? 'whisper' : 'json';
    this.diarizes = this.flavour === 'diarize';
    this.info = { configured: true, provider: options.baseURL ? 'openai-compatible' : 'openai', model: options.model };
  }

  async transcribe(req: AsrRequest): Promise<AsrResult> {
    const file = await toFile(encodeWav(req.samples), 'window.wav', { type: 'audio/wav' });
    const prompt = asrPrompt(req.vocabulary, req.prompt);
    const base = { file, model: this.options.model, ...(req.language && { language: req.language }) };
    let params: Record<string, unknown>;
    switch (this.flavour) {
      case 'whisper':
        params = { ...base, response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'], ...(prompt && { prompt }) };
        break;
      case 'diarize': {
        const refs = (req.speakers ?? []).slice(0, 4);
        params = {
          ...base,
          response_format: 'diarized_json',
          chunking_strategy: 'auto',
          ...(refs.length > 0 && {
            known_speaker_names: refs.map((r) => r.label),
            known_speaker_references: refs.map((r) => `data:audio/wav;base64,${r.wav.toString('base64')}`),
          }),
        };
        break;
      }
      case 'json':
        params = { ...base, response_format: 'json', ...(prompt && { prompt }) };
        break;
    }
    let raw: unknown;
    try {
      raw = await this.client.audio.transcriptions.create(params as unknown as TranscriptionCreateParamsNonStreaming, {
        signal: req.signal,
        maxRetries: 0,
      });
    } catch (error) {
      // A request the server refuses as malformed will be refused again: don't retry, don't trip the breaker.
      if (error instanceof APIError && [400, 413, 415, 422].includes(Number(error.status))) {
        throw new NonRetriableError(`ASR refused the request: ${error.message}`, error);
      }
      throw error;
    }
    switch (this.flavour) {
      case 'whisper':
        return fromVerboseJson(raw);
      case 'diarize':
        return fromDiarizedJson(raw);
      case 'json':
        return fromJson(raw);
    }
  }
}

/** Retry-After of a 429/503, in ms. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof APIError)) return undefined;
  const value = (error.headers as Headers | undefined)?.get('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
