import OpenAI from 'openai';
import type { AsrInfo } from '../transcription.events.js';
import type { AsrProvider, AsrRequest, AsrResult, RealtimeAsr } from './asr-provider.js';
import type { OpenAiAsrOptions } from './openai-asr.provider.js';
import { RealtimeAsrStream } from './realtime-asr-stream.js';

export const REALTIME_BREAKER = 'asr-realtime';

/**
 * MINA_ASR_MODE=realtime: the OpenAI Realtime transcription websocket (through the SDK) per live
 * session, with the windowed provider for whatever realtime could not transcribe.
 */
export class OpenAiRealtimeAsrProvider implements AsrProvider, RealtimeAsr {
  readonly info: AsrInfo;
  readonly diarizes: boolean;
  readonly realtime: RealtimeAsr = this;
  readonly breaker = REALTIME_BREAKER;
  private readonly client: OpenAI;

  constructor(
    private readonly windowed: AsrProvider,
    private readonly options: OpenAiAsrOptions & { connectTimeoutMs: number },
  ) {
    this.client = new OpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseURL, maxRetries: 0 });
    this.diarizes = windowed.diarizes;
    this.info = { ...windowed.info, mode: 'realtime' };
  }

  transcribe(request: AsrRequest): Promise<AsrResult> {
    return this.windowed.transcribe(request);
  }

  open(language: string | undefined, prompt?: string): RealtimeAsrStream {
    return new RealtimeAsrStream({ client: this.client, model: this.options.model, language, prompt, connectTimeoutMs: this.options.connectTimeoutMs });
  }
}
